using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Web.Console;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>Local sign-in: the admin key buys a cookie session (antiforgery-protected like every console form).</summary>
public sealed partial class SignInModel(
    IOptions<AdminOptions> admin, IOptions<ConsoleOptions> console, AdminKeyThrottle throttle, ILogger<SignInModel> logger)
    : PageModel
{
    public bool Failed { get; private set; }

    /// <summary>Set when this client sent too many wrong keys: how many minutes until it may try again.</summary>
    public int? RetryAfterMinutes { get; private set; }

    public bool AppServiceAuthentication => console.Value.Authentication == ConsoleOptions.AppService;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        var client = AdminKeyThrottle.Client(HttpContext);
        if (throttle.RetryAfter(client) is { } wait)
        {
            // The key is not even compared: a guesser must not learn that a guess was right.
            RetryAfterMinutes = (int)Math.Ceiling(wait.TotalMinutes);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        if (AppServiceAuthentication || !ConsoleAuthentication.IsAdminKey(key, admin.Value))
        {
            if (!string.IsNullOrEmpty(key))
            {
                throttle.Failed(client, Request.Path); // no key at all guesses nothing
            }

            LogFailed(logger);
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.CookieScheme, await ConsoleSessions.StartAsync(HttpContext, admin.Value));
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleAuthentication.Root, StringComparison.OrdinalIgnoreCase)
            ? url
            : ConsoleAuthentication.Root);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await ConsoleSessions.EndAsync(HttpContext);
        return RedirectToPage();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused")]
    private static partial void LogFailed(ILogger logger);
}
