using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using PartnerIntake.Functions.Web;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Hosting;

/// <summary>
/// A storage outage is a 503 with Retry-After, not a 500: the client should try again. API clients get
/// problem+json; a person on one of the pages gets a short page in their language.
/// </summary>
public sealed class StorageUnavailableHandler(IProblemDetailsService problems, IStringLocalizer<WebText> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        if (!httpContext.Request.Path.StartsWithSegments("/api")
            && httpContext.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            // The localisation middleware's culture flowed away with the exception: take it from the request.
            var culture = httpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture
                ?? CultureInfo.GetCultureInfo(WebLanguages.Codes[0]);
            CultureInfo.CurrentUICulture = culture;
            var html = HtmlEncoder.Default;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\" dir=\"{(culture.TextInfo.IsRightToLeft ? "rtl" : "ltr")}\">"
                + $"<head><meta charset=\"utf-8\"><title>{html.Encode(text["SiteName"])}</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>"
                + $"<body><main id=\"main\"><h1>{html.Encode(text["SiteName"])}</h1><p>{html.Encode(text["Unavailable"])}</p></main></body></html>",
                cancellationToken);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = 503, Title = "Storage is unavailable", Detail = "Nothing was changed. Please try again in a few seconds." },
        });
    }
}
