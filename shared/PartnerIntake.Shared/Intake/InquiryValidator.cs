using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Geography;

namespace PartnerIntake.Shared.Intake;

/// <summary>
/// Validates an inquiry document field by field, so that a wrong type or a missing field is reported
/// against its JSON path instead of failing the whole document. The web form maps onto the same paths.
/// </summary>
public static partial class InquiryValidator
{
    private static readonly string[] RootFields =
        ["organization", "contact", "topics", "scale", "agreement", "contentLanguages", "message", "consent"];

    private static readonly string[] OrganizationFields = ["name", "type", "website", "country", "subdivision"];
    private static readonly string[] ContactFields = ["name", "email", "role", "language"];

    public static Validated<InquirySubmission> Validate(JsonElement root)
    {
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", ValidationText.BodyMustBeObject);
            return new(null, errors);
        }

        RejectUnknown(root, RootFields, "", errors);

        var organization = ValidateOrganization(Member(root, "organization"), errors);
        var contact = ValidateContact(Member(root, "contact"), errors);
        var topics = ValidateTopics(Member(root, "topics"), errors);
        var scale = RequiredChoice(Member(root, "scale"), "scale", InquiryContract.Scales, errors);
        var agreement = RequiredChoice(Member(root, "agreement"), "agreement", InquiryContract.Agreements, errors);
        var contentLanguages = ValidateContentLanguages(Member(root, "contentLanguages"), errors);
        var message = ValidateMessage(Member(root, "message"), errors);
        var consent = ValidateConsent(Member(root, "consent"), errors);

        if (!errors.IsEmpty)
        {
            return new(null, errors);
        }

        return new(
            new InquirySubmission(organization!, contact!, topics!, scale!, agreement!, contentLanguages!, message!, consent),
            errors);
    }

    private static OrganizationInfo? ValidateOrganization(JsonElement? element, ValidationErrors errors)
    {
        if (!RequireObject(element, "organization", errors))
        {
            return null;
        }

        var org = element!.Value;
        RejectUnknown(org, OrganizationFields, "organization.", errors);
        var name = NoLinks(SingleLine(Member(org, "name"), "organization.name", InquiryContract.MaxNameLength, required: true, errors),
            "organization.name", bareDomains: false, errors);
        var type = RequiredChoice(Member(org, "type"), "organization.type", InquiryContract.OrganizationTypes, errors);
        var website = ValidateWebsite(Member(org, "website"), errors);

        var country = SingleLine(Member(org, "country"), "organization.country", 2, required: true, errors);
        if (country is not null && !Countries.IsKnown(country))
        {
            errors.Add("organization.country", ValidationText.CountryCode);
            country = null;
        }

        var subdivision = SingleLine(Member(org, "subdivision"), "organization.subdivision", 6, required: false, errors)?.ToUpperInvariant();
        if (subdivision is not null)
        {
            // People write the part after the dash ("NY" for New York): with the country known, it is the same code.
            if (country is not null && LocalSubdivisionPattern().IsMatch(subdivision))
            {
                subdivision = country + "-" + subdivision;
            }

            if (!SubdivisionPattern().IsMatch(subdivision))
            {
                errors.Add("organization.subdivision", ValidationText.SubdivisionCode);
            }
            else if (country is not null && !subdivision.StartsWith(country + "-", StringComparison.Ordinal))
            {
                errors.Add("organization.subdivision", ValidationText.SubdivisionOutsideCountry);
            }
        }

        return name is null || type is null || country is null
            ? null
            : new OrganizationInfo(name, type, website, country, subdivision);
    }

    private static ContactInfo? ValidateContact(JsonElement? element, ValidationErrors errors)
    {
        if (!RequireObject(element, "contact", errors))
        {
            return null;
        }

        var contact = element!.Value;
        RejectUnknown(contact, ContactFields, "contact.", errors);
        var name = NoLinks(SingleLine(Member(contact, "name"), "contact.name", InquiryContract.MaxNameLength, required: true, errors),
            "contact.name", bareDomains: true, errors);
        var email = SingleLine(Member(contact, "email"), "contact.email", InquiryContract.MaxEmailLength, required: true, errors);
        if (email is not null && !FieldRules.IsEmail(email))
        {
            errors.Add("contact.email", ValidationText.EmailAddress);
            email = null;
        }

        var role = NoLinks(SingleLine(Member(contact, "role"), "contact.role", InquiryContract.MaxRoleLength, required: false, errors),
            "contact.role", bareDomains: true, errors);
        var language = SingleLine(Member(contact, "language"), "contact.language", 35, required: false, errors) ?? "en";
        if (!FieldRules.IsLanguage(language))
        {
            errors.Add("contact.language", ValidationText.LanguageCode);
        }

        return name is null || email is null ? null : new ContactInfo(name, email, role, language);
    }

    private static List<string>? ValidateTopics(JsonElement? element, ValidationErrors errors)
    {
        const string field = "topics";
        if (element is not { ValueKind: JsonValueKind.Array } array)
        {
            errors.Add(field, element is null or { ValueKind: JsonValueKind.Null }
                ? ValidationText.TopicsRequired
                : ValidationText.TopicsMustBeArray);
            return null;
        }

        var topics = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(field, ValidationText.TopicMustBeString);
                return null;
            }

            var topic = item.GetString()!;
            if (!InquiryContract.Topics.Contains(topic))
            {
                errors.Add(field, ValidationText.UnknownTopic(Truncate(topic), InquiryContract.Topics));
                return null;
            }

            if (!topics.Contains(topic, StringComparer.Ordinal))
            {
                topics.Add(topic);
            }
        }

        if (topics.Count == 0)
        {
            errors.Add(field, ValidationText.TopicsRequired);
            return null;
        }

        return topics;
    }

    private static List<string>? ValidateContentLanguages(JsonElement? element, ValidationErrors errors)
    {
        const string field = "contentLanguages";
        if (element is null or { ValueKind: JsonValueKind.Null })
        {
            return [];
        }

        if (element.Value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, ValidationText.LanguagesMustBeArray);
            return null;
        }

        var languages = new List<string>();
        foreach (var item in element.Value.EnumerateArray())
        {
            // Wikimedia's codes are lower case ("zh-yue"); "CY" is the same language as "cy".
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().ToLowerInvariant() : null;
            if (code is null || !WikipediaLanguages.IsKnown(code))
            {
                errors.Add(field, ValidationText.LanguageEntry);
                return null;
            }

            if (!languages.Contains(code, StringComparer.Ordinal))
            {
                languages.Add(code);
            }
        }

        if (languages.Count > InquiryContract.MaxContentLanguages)
        {
            errors.Add(field, ValidationText.TooManyLanguages(InquiryContract.MaxContentLanguages));
            return null;
        }

        return languages;
    }

    private static string? ValidateMessage(JsonElement? element, ValidationErrors errors)
    {
        const string field = "message";
        if (element is not { ValueKind: JsonValueKind.String } value)
        {
            errors.Add(field, element is null or { ValueKind: JsonValueKind.Null } ? ValidationText.Required : ValidationText.MustBeString);
            return null;
        }

        var message = value.GetString()!.Trim();
        if (message.Length == 0)
        {
            errors.Add(field, ValidationText.MessageRequired);
            return null;
        }

        if (message.Length > InquiryContract.MaxMessageLength)
        {
            errors.Add(field, ValidationText.MaxLength(InquiryContract.MaxMessageLength));
            return null;
        }

        if (message.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, ValidationText.NoControlCharacters);
            return null;
        }

        if (MarkupPattern().IsMatch(message))
        {
            errors.Add(field, ValidationText.PlainTextOnly);
            return null;
        }

        return message.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static bool ValidateConsent(JsonElement? element, ValidationErrors errors)
    {
        if (element is not { } value || (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False))
        {
            errors.Add("consent", element is null or { ValueKind: JsonValueKind.Null } ? ValidationText.Required : ValidationText.MustBeBoolean);
            return false;
        }

        if (value.ValueKind != JsonValueKind.True)
        {
            errors.Add("consent", ValidationText.ConsentRequired);
            return false;
        }

        return true;
    }

    private static string? ValidateWebsite(JsonElement? element, ValidationErrors errors)
    {
        const string field = "organization.website";
        var website = SingleLine(element, field, InquiryContract.MaxWebsiteLength, required: false, errors);
        if (website is null)
        {
            return null;
        }

        // People type "mnw.art.pl" or "www.museum.org": without a scheme, the address is taken as https.
        if (!website.Contains("://", StringComparison.Ordinal) && !website.Contains(':', StringComparison.Ordinal))
        {
            website = "https://" + website;
        }

        if (!Uri.TryCreate(website, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(field, ValidationText.WebAddress);
            return null;
        }

        return website;
    }

    private static string? SingleLine(JsonElement? element, string field, int maxLength, bool required, ValidationErrors errors)
    {
        if (element is null or { ValueKind: JsonValueKind.Null })
        {
            if (required)
            {
                errors.Add(field, ValidationText.Required);
            }

            return null;
        }

        if (element.Value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, ValidationText.MustBeString);
            return null;
        }

        var value = element.Value.GetString()!.Trim();
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(field, ValidationText.Required);
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, ValidationText.MaxLength(maxLength));
            return null;
        }

        // Names and addresses end up in mail headers: a line break there is header injection.
        if (value.Any(char.IsControl))
        {
            errors.Add(field, ValidationText.SingleLineWithoutControlCharacters);
            return null;
        }

        if (value.Contains('<', StringComparison.Ordinal) || value.Contains('>', StringComparison.Ordinal))
        {
            errors.Add(field, ValidationText.NoAngleBrackets);
            return null;
        }

        // Bidirectional overrides and isolates can make a name read differently from what it contains (spoofing).
        if (value.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
        {
            errors.Add(field, ValidationText.NoDirectionControls);
            return null;
        }

        return value;
    }

    /// <summary>
    /// Names and roles are echoed in the acknowledgement sent to the given address, so they must not carry a link or an
    /// address (the mail-relay abuse): nothing with "://", "www." or an e-mail address. Bare domains ("scam.example")
    /// are refused only where <paramref name="bareDomains"/> (a person's name or role never has one), not in
    /// organisation names, where they are real names ("Booking.com", "Museum.Digital").
    /// </summary>
    private static string? NoLinks(string? value, string field, bool bareDomains, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Contains("://", StringComparison.Ordinal)
            || value.Contains("www.", StringComparison.OrdinalIgnoreCase)
            || EmailInTextPattern().IsMatch(value)
            || (bareDomains && BareDomainPattern().IsMatch(value)))
        {
            errors.Add(field, ValidationText.NoLinks);
            return null;
        }

        return value;
    }

    private static string? RequiredChoice(JsonElement? element, string field, IReadOnlySet<string> allowed, ValidationErrors errors)
    {
        if (element is not { ValueKind: JsonValueKind.String } value)
        {
            errors.Add(field, element is null or { ValueKind: JsonValueKind.Null } ? ValidationText.Required : ValidationText.MustBeString);
            return null;
        }

        var choice = value.GetString()!;
        if (!allowed.Contains(choice))
        {
            errors.Add(field, ValidationText.OneOf(allowed));
            return null;
        }

        return choice;
    }

    private static bool RequireObject(JsonElement? element, string field, ValidationErrors errors)
    {
        if (element is { ValueKind: JsonValueKind.Object })
        {
            return true;
        }

        errors.Add(field, element is null or { ValueKind: JsonValueKind.Null } ? ValidationText.Required : ValidationText.MustBeObject);
        return false;
    }

    private static void RejectUnknown(JsonElement obj, string[] known, string prefix, ValidationErrors errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(prefix + Truncate(property.Name), ValidationText.UnknownField);
            }
        }
    }

    private static JsonElement? Member(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value : null;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex SubdivisionPattern();

    [GeneratedRegex(@"^[A-Z0-9]{1,3}$")]
    private static partial Regex LocalSubdivisionPattern();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+")]
    private static partial Regex EmailInTextPattern();

    /// <summary>label.tld with no space after the dot: "scam.example", "x.co.uk"; not "J. R. Smith" or "e. V.".</summary>
    [GeneratedRegex(@"[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex BareDomainPattern();

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z!]")]
    private static partial Regex MarkupPattern();
}
