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

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
