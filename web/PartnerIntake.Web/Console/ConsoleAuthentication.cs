using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Web.Hosting;

namespace PartnerIntake.Web.Console;

/// <summary>
/// Who may use the console. Locally: the admin key, exchanged on a sign-in form for a cookie session.
/// In Azure: App Service Authentication signs people in before requests reach us; we admit the listed operators.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Policy = "console";
    public const string CookieScheme = "console-cookie";
    public const string AppServiceScheme = "app-service";
    public const string OperatorRole = "operator";

    /// <summary>Where the console lives (lower case: the session cookie's path is case-sensitive in browsers).</summary>
    public const string Root = "/admin";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // One scheme per deployment, so that a challenge is either a redirect to sign-in or App Service's 401.
        var scheme = configuration["Console:Authentication"] == ConsoleOptions.AppService ? AppServiceScheme : CookieScheme;
        services.AddAuthentication(scheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "pi-console";
                o.Cookie.Path = Root;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.LoginPath = Root + "/signin";
                o.AccessDeniedPath = Root + "/signin";
                o.Events.OnRedirectToLogin = context =>
                {
                    // People get the sign-in page; scripts and downloads get a plain 401.
                    if (WantsHtml(context.Request))
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = ConsoleSessions.ValidatePrincipalAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServiceScheme, null);
        services.AddSingleton<TableConsoleSessions>();
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<ConsoleOptions>, IOptions<AppOptions>>((o, console, app) =>
            {
                o.ExpireTimeSpan = TimeSpan.FromMinutes(console.Value.SessionMinutes);
                // Behind a TLS-terminating proxy the request looks like http: the public address decides.
                o.Cookie.SecurePolicy = TransportSecurity.IsHttps(app.Value) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy
                .AddAuthenticationSchemes(scheme)
                .RequireRole(OperatorRole));
        return services;
    }

    /// <summary>Constant-time check of a sign-in attempt against Admin:Key; no key configured means no sign-in.</summary>
    public static bool IsAdminKey(string? given, AdminOptions admin) =>
        !string.IsNullOrEmpty(admin.Key) && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(admin.Key));

    public static ClaimsPrincipal Operator(string name, string scheme, params Claim[] more) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, OperatorRole), .. more], scheme));

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>
/// App Service Authentication (Easy Auth) puts the signed-in principal in X-MS-CLIENT-PRINCIPAL-NAME and strips
/// any such header a client sends. The principal must be
/// listed in Console:Operators.
/// Registered as the console's only scheme when Console:Authentication is AppService, never otherwise.
/// </summary>
public sealed class AppServiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ConsoleOptions> console)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = Request.Headers[PrincipalNameHeader].ToString();
        if (name.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var operators = console.Value.Operators.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Task.FromResult(operators.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? AuthenticateResult.Success(new AuthenticationTicket(ConsoleAuthentication.Operator(name, Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("Not a console operator."));
    }

    /// <summary>App Service Authentication's sign-in for Microsoft Entra ID; it returns to the given local address.</summary>
    public const string SignInPath = "/.auth/login/aad";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Signing in is App Service's job: a browser that is not signed in yet is sent there and comes back; anything
        // else (and a signed-in principal who is not an operator) is answered 401.
        var browser = HttpMethods.IsGet(Request.Method) && Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        if (browser && Request.Headers[PrincipalNameHeader].Count == 0)
        {
            Response.Redirect($"{SignInPath}?post_login_redirect_uri={Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString)}");
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
