using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Web.Console;

/// <summary>
/// Server-side console sessions (Console:Authentication AdminKey). The cookie alone is not enough: its ticket names a
/// session that must still be open in the ConsoleSessions table (signing out deletes it, on every instance at once),
/// and carries a fingerprint of the admin key it was issued under, so changing Admin:Key ends every session.
/// The fingerprint is an HMAC keyed with the admin key over a fixed label: it reveals nothing about the key.
/// </summary>
public static class ConsoleSessions
{
    public const string SessionClaim = "pi:session";
    public const string KeyClaim = "pi:admin-key";

    public static async Task<ClaimsPrincipal> StartAsync(HttpContext context, AdminOptions admin)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        await context.RequestServices.GetRequiredService<TableConsoleSessions>().StartAsync(id, time.GetUtcNow(), context.RequestAborted);
        return ConsoleAuthentication.Operator("admin", ConsoleAuthentication.CookieScheme,
            new Claim(SessionClaim, id), new Claim(KeyClaim, KeyFingerprint(admin.Key!)));
    }

    /// <summary>Ends the session the request's cookie names (if any) and removes the cookie.</summary>
    public static async Task EndAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ConsoleAuthentication.CookieScheme);
        if (result.Principal?.FindFirstValue(SessionClaim) is { } id)
        {
            await context.RequestServices.GetRequiredService<TableConsoleSessions>().EndAsync(id, context.RequestAborted);
        }

        await context.SignOutAsync(ConsoleAuthentication.CookieScheme);
    }

    /// <summary>On every request carrying the cookie: the key check costs nothing, the open-session check one point read.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var admin = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
        var principal = context.Principal;
        var id = principal?.FindFirstValue(SessionClaim);
        var open = id is not null
            && IsCurrentKey(principal!.FindFirstValue(KeyClaim), admin)
            && await context.HttpContext.RequestServices.GetRequiredService<TableConsoleSessions>().IsOpenAsync(id, context.HttpContext.RequestAborted);
        if (!open)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAuthentication.CookieScheme);
        }
    }

    public static string KeyFingerprint(string adminKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey), "PartnerIntake console session"u8));

    public static bool IsCurrentKey(string? fingerprint, AdminOptions admin) =>
        fingerprint is not null && !string.IsNullOrEmpty(admin.Key)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(fingerprint), Encoding.ASCII.GetBytes(KeyFingerprint(admin.Key)));
}
