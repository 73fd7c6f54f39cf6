using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Web;

/// <summary>The server-rendered pages: the partner's form and status page, and the operators' console.</summary>
public static class WebServices
{
    public const string FormRateLimit = "inquiry-form";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder, HostingMode mode)
    {
        var services = builder.Services;
        services.AddOptions<WebOptions>().BindConfiguration("Web").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsoleOptions>().BindConfiguration("Console").ValidateDataAnnotations().ValidateOnStart();

        services.AddLocalization();
        // Pages show non-Latin text as text, not as &#x...; entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/Admin", ConsoleAuthentication.Policy);
            o.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            o.Conventions.AddFolderRouteModelConvention("/Admin", model =>
            {
                // The Functions host owns /admin/*: there the console lives under /console.
                foreach (var selector in model.Selectors.Where(s => s.AttributeRouteModel?.Template is not null))
                {
                    selector.AttributeRouteModel!.Template = ConsolePaths.Prefix(mode) + selector.AttributeRouteModel.Template!["Admin".Length..].ToLowerInvariant();
                }
            });
        });
        services.AddSingleton(new ConsolePaths(ConsolePaths.Prefix(mode)));

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(WebLanguages.Codes[0]);
            o.SupportedCultures = WebLanguages.Cultures.ToList();
            o.SupportedUICultures = WebLanguages.Cultures.ToList();
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The switcher's choice (a cookie) wins over the browser's Accept-Language.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        // Keys shared through storage: antiforgery tokens and sessions work across instances and restarts.
        services.AddDataProtection().SetApplicationName("PartnerIntake");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new TableXmlRepository(sp.GetRequiredService<StorageAccount>())));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pi-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only loopback proxies are trusted (the Functions host forwards to us on 127.0.0.1).
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.ForwardLimit = 1;
        });
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(FormRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }

                var web = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = web.FormPermitLimit,
                        Window = TimeSpan.FromMinutes(web.FormWindowMinutes),
                        QueueLimit = 0,
                    });
            });
            o.OnRejected = (context, _) =>
            {
                // A neutral, localised page in place of the bare 429.
                context.HttpContext.Response.Redirect("/busy");
                return ValueTask.CompletedTask;
            };
        });

        services.AddConsoleAuthentication(mode, builder.Configuration);
        services.AddSingleton<InquiryForm>();
        services.AddConsoleQueries();
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders);
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/language/{culture}", SetLanguage).ExcludeFromDescription();
        return app;
    }

    /// <summary>The language switcher: remembers the choice in the culture cookie and goes back.</summary>
    public static IResult SetLanguage(string culture, string? returnUrl, HttpContext context)
    {
        if (!WebLanguages.IsSupported(culture))
        {
            return TypedResults.NotFound();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture.ToLowerInvariant())),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
        // IsLocalUrl also refuses control characters ("/%09/evil.example" decodes to "/\t/…", which browsers read as "//…").
        var target = returnUrl is { Length: > 0 } && RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return TypedResults.LocalRedirect(target);
    }

    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // Pages carry no inline script or style: everything comes from our own static files.
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        }

        return next(context);
    }
}

/// <summary>Where the console lives: /admin, or /console behind the Functions host (which reserves /admin).</summary>
public sealed record ConsolePaths(string Root)
{
    public static string Prefix(HostingMode mode) => mode.IsFunctionsHost ? "console" : "admin";
}
