using Microsoft.AspNetCore.Diagnostics;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Hosting;

/// <summary>A storage outage is a 503 with Retry-After, not a 500: the client should try again.</summary>
public sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = 503, Title = "Storage is unavailable", Detail = "Nothing was changed. Please try again in a few seconds." },
        });
    }
}
