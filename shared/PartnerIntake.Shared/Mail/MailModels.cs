namespace PartnerIntake.Shared.Mail;

/// <summary>What every template sees: the language it is rendered in and its text direction.</summary>
public abstract record MailModel(string Lang)
{
    private static readonly HashSet<string> RightToLeft = new(StringComparer.Ordinal) { "ar", "he", "fa", "ur" };

    public string Dir => RightToLeft.Contains(Lang) ? "rtl" : "ltr";
}

public sealed record CollaboratorLine(string Name, string Kind, string Role);

/// <summary>The assignment e-mail to the entity that should answer the partner.</summary>
public sealed record AssignmentMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string OrganizationType,
    string Country,
    string CountryName,
    string? Subdivision,
    string? Website,
    string ContactName,
    string ContactEmail,
    string? ContactRole,
    string ContactLanguage,
    IReadOnlyList<string> Topics,
    string Scale,
    string Agreement,
    IReadOnlyList<string> ContentLanguages,
    string Message,
    string Explanation,
    IReadOnlyList<CollaboratorLine> Collaborators,
    int AckSlaDays,
    string StatusUrl,
    DateTimeOffset ReceivedAt) : MailModel(Lang)
{
    public string AcceptUrl { get; init; } = "";

    public string RedirectUrl { get; init; } = "";

    public string DeclineUrl { get; init; } = "";

    /// <summary>Why the inquiry came to this assignee, when it was handed on (redirect, decline, escalation).</summary>
    public string? HandedOnBecause { get; init; }

    /// <summary>The movement's memory: earlier inquiries from the same organisation or contact, and who handled them.</summary>
    public IReadOnlyList<string> History { get; init; } = [];

    /// <summary>For a handed-on inquiry: who had it before and what they did.</summary>
    public IReadOnlyList<string> EarlierAssignees { get; init; } = [];
}

/// <summary>Half the SLA has passed without an answer.</summary>
public sealed record ReminderMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string Country,
    DateTimeOffset EscalationDueAt,
    string AcceptUrl,
    string RedirectUrl,
    string DeclineUrl) : MailModel(Lang);

/// <summary>To the first assignee: the SLA passed and someone else took the inquiry over.</summary>
public sealed record EscalatedMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string NewAssigneeName,
    int AckSlaDays) : MailModel(Lang);

/// <summary>To the partner: an entity accepted the inquiry.</summary>
public sealed record AcceptedMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string OrganizationName,
    string AssigneeName,
    string AssigneeContact,
    string StatusUrl) : MailModel(Lang);

/// <summary>To a collaborator: for information, no action needed.</summary>
public sealed record CollaboratorMailModel(
    string Lang,
    string Reference,
    string CollaboratorName,
    string Role,
    string PrimaryName,
    string OrganizationName,
    string Country,
    IReadOnlyList<string> Topics,
    string Explanation,
    string StatusUrl) : MailModel(Lang);

/// <summary>The acknowledgement to the partner, in the partner's language.</summary>
public sealed record AcknowledgementMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string OrganizationName,
    string AssigneeName,
    int AckSlaDays,
    string StatusUrl,
    DateTimeOffset ReceivedAt) : MailModel(Lang);

public static class MailKinds
{
    public const string Assignment = "assignment";
    public const string Acknowledgement = "acknowledgement";
    public const string Reminder = "reminder";
    public const string Escalated = "escalated";
    public const string Accepted = "accepted";
    public const string Collaborator = "collaborator";
}
