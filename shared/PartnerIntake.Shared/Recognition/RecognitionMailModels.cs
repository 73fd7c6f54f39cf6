using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Recognition;

/// <summary>The recognition notices sent to an institution that donated content to Wikimedia Commons.</summary>
public static class RecognitionKinds
{
    public const string ThankYou = "thank-you";
    public const string Attribution = "attribution";
    public const string Impact = "impact";

    public static IReadOnlyList<string> All { get; } = [ThankYou, Attribution, Impact];
}

/// <summary>Soon after the donation: thanks to the institution, by name, for the collection.</summary>
/// <param name="Reference">The donation id; the footer prints it.</param>
/// <param name="Files">How many files the collection holds.</param>
/// <param name="CommonsCategory">The Commons category, e.g. "Category:Paintings in the National Museum in Warsaw".</param>
/// <param name="BrokeredBy">The Wikimedia entity that brokered the donation, if any.</param>
public sealed record ThankYouMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string InstitutionName,
    string CollectionTitle,
    int Files,
    string License,
    string CommonsCategory,
    string CategoryUrl,
    DateOnly DonatedOn,
    string? BrokeredBy) : MailModel(Lang);

/// <summary>The credit line the institution asked for, and how re-users should credit it.</summary>
/// <param name="Reference">The donation id; the footer prints it.</param>
/// <param name="CreditLine">The credit line exactly as the institution wants it.</param>
/// <param name="LicenseUrl">The licence deed, when known.</param>
public sealed record AttributionMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string InstitutionName,
    string CollectionTitle,
    string CreditLine,
    string CommonsCategory,
    string CategoryUrl,
    string License,
    string? LicenseUrl) : MailModel(Lang);

/// <summary>What the donated files achieved in a period. Only measured figures; never estimates.</summary>
/// <param name="FilesUsed">Donated files used on at least one page.</param>
/// <param name="Articles">Distinct articles (pages) using them.</param>
/// <param name="Wikis">Distinct wikis using them.</param>
/// <param name="PageViews">Page views of those pages in the period.</param>
public sealed record ImpactFigures(long FilesUsed, long Articles, long Wikis, long PageViews);

/// <summary>A periodic impact report.</summary>
/// <param name="Reference">The donation id; the footer prints it.</param>
/// <param name="Files">How many files the collection holds.</param>
/// <param name="Figures">The period's figures; null when no metrics are available, which the report says plainly.</param>
/// <param name="UnsubscribeUrl">Signed one-click link that stops further impact reports.</param>
public sealed record ImpactMailModel(
    string Lang,
    string Reference,
    string ContactName,
    string InstitutionName,
    string CollectionTitle,
    int Files,
    string CommonsCategory,
    string CategoryUrl,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    ImpactFigures? Figures,
    string UnsubscribeUrl) : MailModel(Lang);
