namespace PartnerIntake.Shared.Privacy;

public static class RetentionKind
{
    public const string Inquiry = "inquiry";
    public const string Donation = "donation";
}

/// <summary>One subject's personal data falling due for erasure.</summary>
public sealed record RetentionDue(string Kind, string Id, DateTimeOffset DueAt);

/// <summary>
/// When each subject's personal data falls due, sorted by due time so that a run reads only what is due. Each subject
/// has one current due time (or none: kept); moving it leaves at most a stale entry behind, which a run drops.
/// </summary>
public interface IRetentionIndex
{
    /// <summary>
    /// The first due time of a new subject, in one write: until it is moved, a subject is due at its first entry
    /// (which is what callers pass as <c>firstDue</c> to the moves below).
    /// </summary>
    Task AddAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Sets the subject's due time; null keeps its data until something sets a time again.</summary>
    Task SetAsync(string kind, string id, DateTimeOffset? dueAt, DateTimeOffset? firstDue, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the due time later only; a subject not in the index gets <paramref name="dueAt"/>. A kept subject stays kept
    /// when <paramref name="keptStaysKept"/>, else it gets <paramref name="dueAt"/>.
    /// </summary>
    Task ExtendAsync(string kind, string id, DateTimeOffset dueAt, bool keptStaysKept, DateTimeOffset? firstDue, CancellationToken cancellationToken);

    /// <summary>Entries due up to <paramref name="now"/>, earliest days first (missed days included).</summary>
    Task<IReadOnlyList<RetentionDue>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Whether the entry is still the subject's current due time (it was not moved or kept since).</summary>
    Task<bool> IsCurrentAsync(RetentionDue due, CancellationToken cancellationToken);

    /// <summary>Removes the entry; when it was current, the subject is forgotten too (its data is erased).</summary>
    Task CompleteAsync(RetentionDue due, CancellationToken cancellationToken);
}
