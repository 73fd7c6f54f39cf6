using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Shared.Privacy;

/// <summary>
/// The partner's signed withdrawal link (<c>/withdraw/{token}</c>): an <see cref="ActionLinks"/> token bound to the
/// inquiry's reference and the purpose "withdraw", so a token for an assignment action or an unsubscribe cannot stand
/// in for it, and no other inquiry can be named without the key.
/// </summary>
public static class WithdrawalLinks
{
    public const string Action = "withdraw";

    /// <summary>
    /// Two years from receipt: as long as the personal data is kept by default (Privacy:RetentionMonths is 24), and
    /// derived from the inquiry, so re-rendering the acknowledgement yields the same link.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(730);

    // Withdrawal links name no assignment; 0 keeps the token's shape shared with the assignment links.
    private const int NoSequence = 0;

    public static string Token(ActionLinks links, string reference, DateTimeOffset receivedAt) =>
        links.Token(reference, NoSequence, Action, receivedAt + Lifetime);

    /// <summary>The link's address, in the partner's language (the page reads ?culture= first).</summary>
    public static string Url(string publicBaseUrl, string token, string? language) =>
        $"{publicBaseUrl.TrimEnd('/')}/withdraw/{token}" + (language is { Length: > 0 } ? "?culture=" + Uri.EscapeDataString(language) : "");

    /// <summary>The reference a token names when it is a valid, unexpired withdrawal token; else why not.</summary>
    public static (LinkCheck Check, string? Reference) Verify(ActionLinks links, string? token)
    {
        var (check, claim) = links.Verify(token);
        if (claim is null || claim.Action != Action || claim.Sequence != NoSequence)
        {
            return (check == LinkCheck.Valid ? LinkCheck.Malformed : check, null);
        }

        return check == LinkCheck.Valid ? (check, claim.Reference) : (check, null);
    }
}
