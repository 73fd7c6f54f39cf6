namespace PartnerIntake.Shared.Mail;

/// <summary>What every template sees: the language it is rendered in and its text direction.</summary>
public abstract record MailModel(string Lang)
{
    private static readonly HashSet<string> RightToLeft = new(StringComparer.Ordinal) { "ar", "he", "fa", "ur" };

    public string Dir => RightToLeft.Contains(Lang) ? "rtl" : "ltr";
}

/// <summary>Another entity on the inquiry, with its kind and role in the reader's words ("thematic organisation", "for the topic").</summary>
public sealed record CollaboratorLine(string Name, string Kind, string Role);

/// <summary>
/// The assignment e-mail to the entity that should answer the partner, in the entity's working language: codes are
/// already turned into the form's labels (topics, scale, type, agreement), the country and languages into names, and
/// <see cref="WhyYou"/> is the one sentence saying why this entity got it.
/// </summary>
public sealed record AssignmentMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string OrganizationType,
    string Location,
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
    string WhyYou,
    IReadOnlyList<CollaboratorLine> Collaborators,
    int AckSlaDays,
    string StatusUrl,
    DateTimeOffset ReceivedAt) : MailModel(Lang)
{
    public string AcceptUrl { get; init; } = "";

    public string RedirectUrl { get; init; } = "";

    public string DeclineUrl { get; init; } = "";

    /// <summary>The movement's memory: earlier inquiries from the same organisation or contact, and who handled them.</summary>
    public IReadOnlyList<string> History { get; init; } = [];

    /// <summary>For an inquiry handed on more than once: the hops before the last one (the last one is the why-you sentence).</summary>
    public IReadOnlyList<string> EarlierAssignees { get; init; } = [];
}

/// <summary>Half the SLA has passed without an answer: the inquiry in brief, the buttons again, and the deadline.</summary>
public sealed record ReminderMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string OrganizationType,
    string Location,
    string ContactName,
    string ContactEmail,
    IReadOnlyList<string> Topics,
    string Scale,
    string WhyYou,
    DateTimeOffset EscalationDueAt,
    string AcceptUrl,
    string RedirectUrl,
    string DeclineUrl,
    string StatusUrl) : MailModel(Lang);

/// <summary>To the first assignee: the SLA passed and someone else took the inquiry over.</summary>
public sealed record EscalatedMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string Location,
    IReadOnlyList<string> Topics,
    string NewAssigneeName,
    int AckSlaDays) : MailModel(Lang);

/// <summary>To the entity that accepted: the partner's contact, with Reply-To set to the partner.</summary>
public sealed record TakenOnMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string Location,
    IReadOnlyList<string> Topics,
    string ContactName,
    string ContactEmail,
    string? ContactRole,
    string ContactLanguage,
    string StatusUrl) : MailModel(Lang);

/// <summary>To the partner: the inquiry is with another entity now, which confirms within its own SLA.</summary>
public sealed record HandedOnMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string OrganizationName,
    string AssigneeName,
    int AckSlaDays,
    string StatusUrl) : MailModel(Lang);

/// <summary>To the partner: an entity accepted the inquiry.</summary>
public sealed record AcceptedMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string OrganizationName,
    string AssigneeName,
    string AssigneeContact,
    string StatusUrl) : MailModel(Lang);

/// <summary>To a collaborator: for information, no action needed; in the collaborator's working language.</summary>
public sealed record CollaboratorMailModel(
    string Lang,
    string Reference,
    string CollaboratorName,
    string PrimaryName,
    string OrganizationName,
    string OrganizationType,
    string Location,
    string? Website,
    string ContactName,
    string ContactEmail,
    string? ContactRole,
    IReadOnlyList<string> Topics,
    string Scale,
    string Message,
    string WhyYou,
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
    DateTimeOffset ReceivedAt) : MailModel(Lang)
{
    /// <summary>The signed link that withdraws the inquiry and erases the partner's details (GET asks, POST acts).</summary>
    public string WithdrawUrl { get; init; } = "";
}

/// <summary>To the entity holding the inquiry: the partner withdrew it. No personal data: it is being erased.</summary>
public sealed record WithdrawnMailModel(
    string Lang,
    string Reference,
    string AssigneeName,
    string OrganizationName,
    string Location,
    IReadOnlyList<string> Topics) : MailModel(Lang);

public static class MailKinds
{
    public const string Assignment = "assignment";
    public const string Acknowledgement = "acknowledgement";
    public const string Reminder = "reminder";
    public const string Escalated = "escalated";
    public const string Accepted = "accepted";
    public const string Collaborator = "collaborator";
    public const string TakenOn = "taken-on";
    public const string HandedOn = "handed-on";
    public const string Withdrawn = "withdrawn";

    /// <summary>The kinds sent to movement entities: in the entity's working language, Reply-To the partnerships team or, once accepted, the partner.</summary>
    /// <summary>Kinds that carry nothing of the partner (the withdrawal notice says only that it was withdrawn): erasure keeps them.</summary>
    public static readonly IReadOnlySet<string> WithoutPartnerData = new HashSet<string>(StringComparer.Ordinal) { Withdrawn };

    public static readonly IReadOnlySet<string> ToEntities = new HashSet<string>(StringComparer.Ordinal) { Assignment, Reminder, Escalated, Collaborator, TakenOn, Withdrawn };
}
