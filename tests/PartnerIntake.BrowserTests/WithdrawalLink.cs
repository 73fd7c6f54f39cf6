using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.BrowserTests;

/// <summary>The partner's withdrawal link for an inquiry, signed as the acknowledgement's is, and the inquiry behind it.</summary>
internal static class WithdrawalLink
{
    public static async Task<string> RoutedAsync(AppProcess app, string organization)
    {
        var reference = await app.SubmitValidAsync(Inquiries.With(i => i["message"] = $"{organization}: we would like to release 5,000 scans."));
        await Eventually.HoldsAsync(async () => (await app.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(15), "routed");
        return reference;
    }

    public static string For(string reference, string culture) =>
        "/withdraw/" + PartnerIntake.Shared.Privacy.WithdrawalLinks.Token(
            new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), TimeProvider.System), reference, TimeProvider.System.GetUtcNow())
        + "?culture=" + culture;
}
