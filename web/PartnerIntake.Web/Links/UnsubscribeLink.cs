using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Web.Links;

/// <summary>The donation an impact report's signed unsubscribe link names, when the link is valid, unexpired and for unsubscribing.</summary>
public static class UnsubscribeLink
{
    public static async Task<Donation?> DonationAsync(ActionLinks links, IDonationStore donations, string? token, CancellationToken cancellationToken)
    {
        var (check, claim) = links.Verify(token);
        return check == LinkCheck.Valid && claim!.Action == RecognitionMails.UnsubscribeAction
            ? await donations.GetAsync(claim.Reference, cancellationToken)
            : null;
    }
}
