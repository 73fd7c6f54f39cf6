namespace PartnerIntake.Shared.Intake;

/// <summary>A validated inquiry as the partner sent it (the contract in DESIGN.md).</summary>
public sealed record InquirySubmission(
    OrganizationInfo Organization,
    ContactInfo Contact,
    IReadOnlyList<string> Topics,
    string Scale,
    string Agreement,
    IReadOnlyList<string> ContentLanguages,
    string Message,
    bool Consent);

public sealed record OrganizationInfo(string Name, string Type, string? Website, string Country, string? Subdivision);

public sealed record ContactInfo(string Name, string Email, string? Role, string Language);

/// <summary>The closed vocabularies of the inquiry contract.</summary>
public static class InquiryContract
{
    public static readonly IReadOnlySet<string> OrganizationTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "museum", "library", "archive", "gallery", "university", "school", "research",
        "government", "ngo", "company", "media", "funder", "other",
    };

    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal)
    {
        "content-donation", "wikipedian-in-residence", "education", "research", "data", "technology",
        "funding", "advocacy", "events", "health-medicine", "language-culture", "library-access",
        "media-press", "commercial-reuse", "trademark-brand", "other",
    };

    public static readonly IReadOnlySet<string> Scales = new HashSet<string>(StringComparer.Ordinal)
    {
        "local", "national", "regional", "global",
    };

    public static readonly IReadOnlySet<string> Agreements = new HashSet<string>(StringComparer.Ordinal)
    {
        "informal", "formal",
    };

    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxRoleLength = 200;
    public const int MaxWebsiteLength = 500;
    public const int MaxEmailLength = 254;
    public const int MaxMessageLength = 10_000;
    public const int MaxTopics = 16;
    public const int MaxContentLanguages = 20;
}
