using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Web.Console;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>Local sign-in: the admin key buys a cookie session (antiforgery-protected like every console form).</summary>
public sealed partial class SignInModel(IOptions<AdminOptions> admin, IOptions<ConsoleOptions> console, ILogger<SignInModel> logger)
    : PageModel
{
    public bool Failed { get; private set; }

    public bool AppServiceAuthentication => console.Value.Authentication == ConsoleOptions.AppService;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (AppServiceAuthentication || !ConsoleAuthentication.IsAdminKey(key, admin.Value))
        {
            LogFailed(logger);
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.CookieScheme, ConsoleAuthentication.Operator("admin", ConsoleAuthentication.CookieScheme));
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleAuthentication.Root, StringComparison.OrdinalIgnoreCase)
            ? url
            : ConsoleAuthentication.Root);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.CookieScheme);
        return RedirectToPage();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused")]
    private static partial void LogFailed(ILogger logger);
}
