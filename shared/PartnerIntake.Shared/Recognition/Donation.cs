namespace PartnerIntake.Shared.Recognition;

/// <summary>A content donation as recorded (the donation contract in DESIGN.md).</summary>
public sealed record DonationSubmission(
    InstitutionInfo Institution,
    DonorContact Contact,
    CollectionInfo Collection,
    DateOnly DonatedOn,
    string CreditLine,
    string? BrokeredBy,
    string? InquiryReference);

public sealed record InstitutionInfo(string Name, string Country, string? Website);

public sealed record DonorContact(string Name, string Email, string Language);

public sealed record CollectionInfo(string Title, string CommonsCategory, int Files, string License);

/// <summary>A stored donation and what happened to its notices' recipient.</summary>
public sealed record Donation(
    string Id,
    DonationSubmission Submission,
    DateTimeOffset RecordedAt,
    bool Unsubscribed = false,
    DateTimeOffset? BouncedAt = null,
    string? BounceEvent = null);

public static class DonationContract
{
    /// <summary>Licences Wikimedia Commons accepts for donated collections, as donors usually write them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Licenses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CC0 1.0"] = "https://creativecommons.org/publicdomain/zero/1.0/",
        ["Public domain"] = "https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Public_domain",
        ["PDM 1.0"] = "https://creativecommons.org/publicdomain/mark/1.0/",
        ["CC BY 4.0"] = "https://creativecommons.org/licenses/by/4.0/",
        ["CC BY-SA 4.0"] = "https://creativecommons.org/licenses/by-sa/4.0/",
        ["CC BY 3.0"] = "https://creativecommons.org/licenses/by/3.0/",
        ["CC BY-SA 3.0"] = "https://creativecommons.org/licenses/by-sa/3.0/",
    };

    public const int MaxFiles = 10_000_000;
    public const int MaxCreditLine = 300;
    public const int MaxTitle = 300;

    public static string CategoryUrl(string category) =>
        "https://commons.wikimedia.org/wiki/" + Uri.EscapeDataString(category.Replace(' ', '_')).Replace("%3A", ":", StringComparison.Ordinal);
}

public interface IDonationStore
{
    Task InsertAsync(Donation donation, CancellationToken cancellationToken);

    Task<Donation?> GetAsync(string id, CancellationToken cancellationToken);

    Task SetUnsubscribedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
