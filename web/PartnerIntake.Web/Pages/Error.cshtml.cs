using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PartnerIntake.Web.Pages;

/// <summary>
/// Every error's page: re-executed for an exception (its status chosen by <see cref="Hosting.ErrorStatus"/>) and for
/// a response that has a status but no body (404 for an unknown address, 400 for a missing antiforgery token, …).
/// Re-execution keeps the request's method, so there is no antiforgery check and no handler: the view asks <see cref="Resolve"/>.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Resolve()
    {
        var reexecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (!reexecuted || Response.StatusCode < 400)
        {
            Response.StatusCode = StatusCodes.Status404NotFound; // someone typed /error: there is no such page
        }

        if (Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "5";
        }

        return Response.StatusCode;
    }

    /// <summary>The resource keys' suffix: one text per kind of error, not per code.</summary>
    public static string Kind(int status) => status switch
    {
        401 or 403 => "403",
        404 or 410 => "404",
        405 => "405",
        413 => "413",
        429 => "429",
        503 => "503",
        >= 500 => "500",
        _ => "400",
    };
}
