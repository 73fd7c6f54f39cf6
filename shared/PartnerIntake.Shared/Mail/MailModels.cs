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
    DateTimeOffset ReceivedAt) : MailModel(Lang);

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
}
