using Microsoft.AspNetCore.Antiforgery;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Web.Hosting;

/// <summary>
/// The status of the error page an exception gets. What a request's bytes can cause is the client's error (4xx),
/// a storage outage is a 503 (try again), and only our own faults are a 500.
/// </summary>
public static class ErrorStatus
{
    public static int For(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException:
                    return StatusCodes.Status503ServiceUnavailable;
                case BadHttpRequestException bad:
                    return bad.StatusCode; // Kestrel and the framework: body too large (413), malformed form, …
                case InvalidDataException or AntiforgeryValidationException:
                    return StatusCodes.Status400BadRequest; // a form body that cannot be read
            }
        }

        return StatusCodes.Status500InternalServerError;
    }
}
