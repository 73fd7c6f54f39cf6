using System.Text.Json.Nodes;

namespace PartnerIntake.Shared.Privacy;

/// <summary>Everything stored about one person (the access request's answer).</summary>
public sealed record PersonalDataExport(string Email, DateTimeOffset ExportedAt, IReadOnlyList<ExportedInquiry> Inquiries, IReadOnlyList<ExportedDonation> Donations);

public sealed record ExportedInquiry(
    string Reference,
    DateTimeOffset ReceivedAt,
    string Status,
    DateTimeOffset? RoutedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? PersonalDataErasedAt,
    JsonNode? Submission,
    IReadOnlyList<ExportedAssignment> Assignments,
    IReadOnlyList<ExportedMail> Mails);

public sealed record ExportedAssignment(int Sequence, string? Entity, string? State, DateTimeOffset? CreatedAt, DateTimeOffset? ActedAt);

public sealed record ExportedDonation(string Id, DateTimeOffset RecordedAt, JsonNode? Submission, DateTimeOffset? ContactErasedAt, IReadOnlyList<ExportedMail> Mails);
