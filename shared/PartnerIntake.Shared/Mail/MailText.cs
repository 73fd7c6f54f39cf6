using System.Globalization;
using System.Resources;
using PartnerIntake.Shared.Geography;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// The words of mails for what the form and the routing tables hold as codes (topics, scale, organisation types,
/// agreements, entity kinds, collaborator roles, countries, languages) and the sentences that tell an entity why it
/// got an inquiry: MailText*.resx in the seven languages, in one place. The labels are the form's own (the web app's
/// WebText*.resx), copied because shared code does not reference the web app. An unknown code reads as itself, hyphens
/// as spaces, never as a blank.
/// </summary>
public static class MailText
{
    /// <summary>The manifest name of the neutral resources (root namespace + folder + file name).</summary>
    public const string BaseName = "PartnerIntake.Shared.Mail.MailText";

    public static ResourceManager ResourceManager { get; } = new(BaseName, typeof(MailText).Assembly);

    public static string Topic(string code, string lang) => Label("Topic_", code, lang);

    public static string Scale(string code, string lang) => Label("Scale_", code, lang);

    public static string OrganizationType(string code, string lang) => Label("OrgType_", code, lang);

    public static string Agreement(string code, string lang) => Label("Agreement_", code, lang);

    public static string EntityKind(string code, string lang) => Label("Kind_", code, lang);

    /// <summary>A collaborator's role as the reader says it: "for the topic", "for the area", "in touch with the partner".</summary>
    public static string Role(string role, string lang) => Label("Role_", RoleKey(role), lang);

    /// <summary>
    /// The three kinds of collaborator role: geographic, partner-facing, and topic-based, which the routing tables
    /// write as "thematic (topic)" or "collaborator for topic".
    /// </summary>
    public static string RoleKey(string role) => role is "geographic" or "partner-facing collaborator" ? role : "thematic";

    /// <summary>The topic a topic-based role names ("thematic (health-medicine)"), if any.</summary>
    public static string? RoleTopic(string role) => role switch
    {
        _ when role.StartsWith("thematic (", StringComparison.Ordinal) && role.EndsWith(')') => role["thematic (".Length..^1],
        _ when role.StartsWith("collaborator for ", StringComparison.Ordinal) => role["collaborator for ".Length..],
        _ => null,
    };

    public static IReadOnlyList<string> Topics(IEnumerable<string> codes, string lang) => codes.Select(c => Topic(c, lang)).ToList();

    /// <summary>Items joined the reader's way (a comma, or the Arabic comma).</summary>
    public static string List(IEnumerable<string> items, string lang) => string.Join(Get("ListSeparator", lang), items);

    /// <summary>The country's name as the form shows it in that language (CLDR), e.g. "United Kingdom", not "Britain (UK)".</summary>
    public static string Country(string code, string lang) => CountryNames.Localized(code, Culture(lang));

    /// <summary>Where the partner is: the country, or the routing-relevant subdivision with its country ("New York (United States)").</summary>
    public static string Place(string country, string? subdivision, string lang)
    {
        var countryName = Country(country, lang);
        if (subdivision is not { Length: > 0 })
        {
            return countryName;
        }

        // Only subdivisions that change routing have names here; any other reads as its code, so nothing is lost.
        var name = ResourceManager.GetString("Subdivision_" + subdivision, Culture(lang)) ?? subdivision;
        return Format("Place", lang, name, countryName);
    }

    /// <summary>A language code's name in the reader's language from CLDR ("cy" is "Welsh", in Polish "walijski"); the code if unknown.</summary>
    public static string Language(string code, string lang)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // CultureInfo.DisplayName follows CurrentUICulture, not a parameter.
            CultureInfo.CurrentUICulture = Culture(lang);
            var name = CultureInfo.GetCultureInfo(code).DisplayName;
            return string.IsNullOrWhiteSpace(name) || name.Contains("Unknown", StringComparison.Ordinal) ? code : name;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public static string Format(string key, string lang, params object[] args) => string.Format(Culture(lang), Get(key, lang), args);

    public static string Get(string key, string lang) =>
        ResourceManager.GetString(key, Culture(lang)) ?? throw new InvalidOperationException($"MailText has no {key}.");

    public static CultureInfo Culture(string lang)
    {
        try
        {
            return CultureInfo.GetCultureInfo(lang);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static string Label(string prefix, string code, string lang) =>
        ResourceManager.GetString(prefix + code, Culture(lang)) ?? code.Replace('-', ' ');
}
