namespace PartnerIntake.Shared.Assignment;

/// <summary>
/// One thing that happened to an inquiry's assignment: who or what, when, why, from which link or
/// function. <see cref="Key"/> is deterministic per event, so a replayed step records it once.
/// </summary>
public sealed record AuditEntry(
    string Reference,
    string Key,
    DateTimeOffset At,
    string Actor,
    string Action,
    int AssignmentSequence,
    string? FromState,
    string? ToState,
    string? Reason,
    string Source);

/// <summary>Append-only: there is no update or delete.</summary>
public interface IAuditTrail
{
    Task AppendOnceAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string reference, CancellationToken cancellationToken);
}

public static class AuditKeys
{
    // Sorted by assignment, then by step within it.
    public static string Assigned(int sequence) => $"{sequence:D3}-0-assigned";

    public static string Reminded(int sequence) => $"{sequence:D3}-1-reminded";

    public static string Acted(int sequence, string state) => $"{sequence:D3}-2-{state}";
}
