namespace PartnerIntake.Shared.Intake;

/// <summary>Whether a client may submit one more inquiry now; when not, when its window ends.</summary>
public sealed record LimitDecision(bool Allowed, DateTimeOffset WindowEnds);

/// <summary>
/// The per-client limit of <see cref="IntakeOptions.PermitLimit"/> inquiries per fixed window, shared by the API and
/// the form and by every instance (the count is in storage).
/// </summary>
public interface ISubmissionLimiter
{
    /// <summary>Counts one submission of <paramref name="client"/> (see <see cref="ClientAddress"/>), unless its window is full.</summary>
    Task<LimitDecision> TryAcquireAsync(string client, CancellationToken cancellationToken);
}

/// <summary>
/// The daily cap of <see cref="IntakeOptions.MailsPerAddressPerDay"/> acknowledgements per e-mail address: the
/// inquiry is always routed, only its acknowledgement is withheld beyond the cap.
/// </summary>
public interface IAcknowledgementCap
{
    /// <summary>
    /// True when the acknowledgement of <paramref name="reference"/> may go to <paramref name="email"/> (and counts
    /// it); asking again for the same reference gives the same answer, so a retried routing counts once.
    /// </summary>
    Task<bool> TryCountAsync(string email, string reference, CancellationToken cancellationToken);
}

/// <summary>What the cap counts: the address lower-cased, without a +tag (which reaches the same mailbox).</summary>
public static class AcknowledgementAddress
{
    public const string WithheldReason = "acknowledgement withheld: daily limit of acknowledgements to this address reached";

    public static string Normalise(string email)
    {
        var address = email.Trim().ToLowerInvariant();
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return address;
        }

        var local = address[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return (plus > 0 ? local[..plus] : local) + address[at..];
    }
}
