using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Web.Console;
using PartnerIntake.Web.Intake;
using PartnerIntake.Web.Links;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Hosting;

/// <summary>
/// The web app's own surface over the shared domain: the partner's form and status page, the affiliates' link pages,
/// the unsubscribe page and the operators' console, with their languages, security headers and error pages.
/// </summary>
public static class WebServices
{
    /// <summary>Where the app listens when neither --urls nor ASPNETCORE_URLS (nor the port settings) says.</summary>
    public const string DefaultUrl = "http://localhost:5071";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        if (!new[] { "urls", "http_ports", "https_ports" }.Any(k => !string.IsNullOrEmpty(builder.Configuration[k])))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<WebOptions>().BindConfiguration("Web").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsoleOptions>().BindConfiguration("Console").ValidateDataAnnotations().ValidateOnStart();

        services.AddLocalization();
        // Pages show non-Latin text as text, not as &#x...; entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new HandlerRequiredFilter());
            o.Conventions.AuthorizeFolder("/Admin", ConsoleAuthentication.Policy);
            o.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            o.Conventions.AddFolderRouteModelConvention("/Admin", model =>
            {
                // Lower-case console addresses: the session cookie's path (/admin) is case-sensitive in browsers.
                foreach (var selector in model.Selectors.Where(s => s.AttributeRouteModel?.Template is not null))
                {
                    selector.AttributeRouteModel!.Template = selector.AttributeRouteModel.Template!.ToLowerInvariant();
                }
            });
        });

        services.AddSingleton<AssignmentPageLanguage>();
        services.AddSingleton<UnsubscribePageLanguage>();
        services.AddSingleton<WithdrawInquiry>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(WebLanguages.Codes[0]);
            o.SupportedCultures = WebLanguages.FormattingCultures.ToList(); // regional variants: dates as the reader writes them
            o.SupportedUICultures = WebLanguages.Cultures.ToList();
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // An explicit choice (the e-mail's ?culture=, the switcher's cookie) wins over the page's subject, which wins over the browser.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new PageLanguageProvider(), new AcceptLanguageHeaderRequestCultureProvider(),
            ];
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

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>, IConfiguration>((o, web, configuration) =>
            TransportSecurity.ConfigureForwardedHeaders(o, TransportSecurity.TrustsPlatformProxy(web.Value, configuration)));
        // Behind a TLS-terminating proxy the request looks like http: the public address decides.
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<AppOptions>>((o, app) =>
            o.Cookie.SecurePolicy = TransportSecurity.IsHttps(app.Value) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        // The form's per-client limit is intake's, shared with the API and kept in storage (SubmitInquiry, Intake:PermitLimit).
        services.AddConsoleAuthentication(builder.Configuration);
        services.AddSingleton<InquiryForm>();
        services.AddSingleton<TableIntakeRefusals>();
        services.AddConsoleQueries();
        services.AddSingleton<ConsoleDonations>(); // needs the recognition feature, which AddConsoleQueries does not assume
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UsePublicScheme();
        app.UseSecurityHeaders();
        // Both re-execute the pipeline below them for /error, so error pages get routing, their language and the layout.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = ErrorStatus.For });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestLocalization(); // after routing: a page may choose its language (PageLanguageProvider)
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseUploadLimit();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapHealth();
        app.MapGet("/language/{culture}", SetLanguage).ExcludeFromDescription();
        if (app.Services.GetRequiredService<TimeProvider>() is ShiftableTimeProvider)
        {
            app.MapClockControl();
        }

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
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true,
                Secure = context.Request.IsHttps || TransportSecurity.IsHttps(context.RequestServices.GetRequiredService<IOptions<AppOptions>>().Value),
            });
        // IsLocalUrl also refuses control characters ("/%09/evil.example" decodes to "/\t/…", which browsers read as "//…").
        var target = returnUrl is { Length: > 0 } && RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return TypedResults.LocalRedirect(target);
    }
}
