namespace PartnerIntake.Shared.Recognition;

/// <summary>
/// Where delivery problems reported by the mail provider land for donations: a bounced or dropped
/// recognition notice flags the donation's contact address so that admins see it.
/// </summary>
public interface IDonationBounces
{
    Task FlagBouncedAsync(string donationId, string eventType, DateTimeOffset at, CancellationToken cancellationToken);
}
