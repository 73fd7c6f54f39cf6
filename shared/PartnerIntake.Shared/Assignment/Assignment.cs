using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Assignment;

public static class AssignmentState
{
    public const string Pending = "pending";
}

/// <summary>An inquiry handed to one movement entity, with the decision that chose it.</summary>
public sealed record InquiryAssignment(
    string Reference,
    int Sequence,
    EntityRef Assignee,
    string AssigneeContact,
    int AckSlaDays,
    string State,
    DateTimeOffset CreatedAt,
    RoutingDecision Decision);

public interface IAssignmentStore
{
    Task<InquiryAssignment?> GetAsync(string reference, int sequence, CancellationToken cancellationToken);

    /// <summary>Creates the assignment or, if one with the same key exists (a replay), returns that one.</summary>
    Task<InquiryAssignment> CreateOnceAsync(InquiryAssignment assignment, CancellationToken cancellationToken);
}
