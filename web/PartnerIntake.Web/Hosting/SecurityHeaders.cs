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
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
