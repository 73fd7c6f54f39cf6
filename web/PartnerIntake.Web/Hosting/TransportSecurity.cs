using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Web.Hosting;

/// <summary>
/// In Azure, TLS ends at App Service's front ends and the app sees plain http. What the public address is comes from
/// App:PublicBaseUrl (cookies Secure, HSTS when it is https); the forwarded headers are believed only from the platform.
/// </summary>
public static class TransportSecurity
{
    /// <summary>One year; no includeSubDomains: the app does not own its parent domain's other hosts.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>
    /// With an https public address every request reached the platform over https, whatever the proxy forwarded:
    /// the request says so, so that antiforgery (which refuses Secure-only cookies on http requests), the cookies and
    /// absolute URLs all see https. Locally (http) nothing changes.
    /// </summary>
    public static IApplicationBuilder UsePublicScheme(this IApplicationBuilder app)
    {
        if (!IsHttps(app.ApplicationServices.GetRequiredService<IOptions<AppOptions>>().Value))
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
            return next(context);
        });
    }

    public static bool IsHttps(AppOptions app) =>
        Uri.TryCreate(app.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;

    /// <summary>Web:TrustProxy, by default true exactly on App Service (WEBSITE_INSTANCE_ID is set there).</summary>
    public static bool TrustsPlatformProxy(WebOptions web, IConfiguration configuration) =>
        web.TrustProxy ?? !string.IsNullOrEmpty(configuration["WEBSITE_INSTANCE_ID"]);

    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions o, bool platformProxy)
    {
        o.ForwardLimit = 1; // the last hop only: the address the proxy itself saw
        if (platformProxy)
        {
            // App Service's front ends are the only way in and their addresses are not published: believe whoever
            // connects, for the client address and the scheme. Never set this where clients can reach the app directly.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        }
        else
        {
            // Only loopback proxies are trusted (a local reverse proxy, the tests' per-client addresses), and only for
            // the client address: a claimed X-Forwarded-Proto changes nothing.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        }
    }
}
