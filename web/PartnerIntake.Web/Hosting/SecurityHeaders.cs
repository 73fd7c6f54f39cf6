using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Web.Hosting;

/// <summary>
/// One policy for every response of the app: pages, static files, redirects and error pages. Set as the response
/// starts, because the exception handler clears the headers before it renders the error page.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Pages carry no inline script or style: everything comes from our own static files. No one may frame them.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Only for an e-mail's HTML shown in the console's preview frame: the mail's inline styles apply (as in a mail
    /// client), nothing else loads or runs, only our own pages may frame it, and it is sandboxed even when opened alone.
    /// </summary>
    public const string MailPreviewPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox";

    private const string MailPreviewKey = "PartnerIntake.MailPreview";

    /// <summary>Marks this response as an e-mail preview: it gets <see cref="MailPreviewPolicy"/> if it succeeds (an error page keeps the strict one).</summary>
    public static void UseMailPreviewPolicy(this HttpContext context) => context.Items[MailPreviewKey] = true;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // HSTS whenever the public address is https. Sent on every response, since behind App Service the app sees
        // http (UseHsts would stay silent); browsers ignore it on plain-http responses, so local runs are unaffected.
        var https = TransportSecurity.IsHttps(app.ApplicationServices.GetRequiredService<IOptions<AppOptions>>().Value);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items.ContainsKey(MailPreviewKey) && context.Response.StatusCode == StatusCodes.Status200OK
                    ? MailPreviewPolicy
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (https)
                {
                    headers.StrictTransportSecurity = TransportSecurity.StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
