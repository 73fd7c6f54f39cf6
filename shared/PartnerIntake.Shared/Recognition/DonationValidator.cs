using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Recognition;

/// <summary>Validates a donation field by field against the contract; the CSV import maps each row onto the same JSON paths.</summary>
public static partial class DonationValidator
{
    public static Validated<DonationSubmission> Validate(JsonElement root, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return new(null, errors);
        }

        Unknown(root, ["institution", "contact", "collection", "donatedOn", "creditLine", "brokeredBy", "inquiryReference"], "", errors);
        var institution = Object(root, "institution", ["name", "country", "website"], errors);
        var contact = Object(root, "contact", ["name", "email", "language"], errors);
        var collection = Object(root, "collection", ["title", "commonsCategory", "files", "license"], errors);

        var name = Text(institution, "institution.name", "name", 200, true, errors);
        var country = Text(institution, "institution.country", "country", 2, true, errors);
        if (country is not null && !Countries.IsKnown(country))
        {
            errors.Add("institution.country", "Must be an ISO 3166-1 alpha-2 country code in capitals, such as PL.");
        }

        var website = Text(institution, "institution.website", "website", 500, false, errors);
        if (website is not null && (!Uri.TryCreate(website, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add("institution.website", "Must be a web address starting with https:// or http://.");
        }

        var contactName = Text(contact, "contact.name", "name", 200, true, errors);
        var email = Text(contact, "contact.email", "email", 254, true, errors);
        if (email is not null && !FieldRules.IsEmail(email))
        {
            errors.Add("contact.email", "Must be a single e-mail address such as name@example.org.");
        }

        var language = Text(contact, "contact.language", "language", 35, false, errors) ?? "en";
        if (!FieldRules.IsLanguage(language))
        {
            errors.Add("contact.language", "Must be a language code such as en, pl or pt-BR.");
        }

        var title = Text(collection, "collection.title", "title", DonationContract.MaxTitle, true, errors);
        var category = Text(collection, "collection.commonsCategory", "commonsCategory", 255, true, errors);
        if (category is not null && !CategoryPattern().IsMatch(category))
        {
            errors.Add("collection.commonsCategory", "Must be a Wikimedia Commons category such as Category:Paintings in the National Museum in Warsaw.");
        }

        var files = Files(collection, errors);
        var license = Text(collection, "collection.license", "license", 50, true, errors);
        if (license is not null && !DonationContract.Licenses.ContainsKey(license))
        {
            errors.Add("collection.license", $"Must be one of: {string.Join(", ", DonationContract.Licenses.Keys)}.");
        }

        DateOnly? donatedOn = null;
        var donated = Text(root, "donatedOn", "donatedOn", 10, true, errors);
        if (donated is not null)
        {
            if (!DateOnly.TryParseExact(donated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                errors.Add("donatedOn", "Must be a date written yyyy-MM-dd.");
            }
            else if (d > today.AddDays(1))
            {
                errors.Add("donatedOn", "Must not be in the future.");
            }
            else
            {
                donatedOn = d;
            }
        }

        var creditLine = Text(root, "creditLine", "creditLine", DonationContract.MaxCreditLine, true, errors);
        var brokeredBy = Text(root, "brokeredBy", "brokeredBy", 100, false, errors);
        if (brokeredBy is not null && !EntityIdPattern().IsMatch(brokeredBy))
        {
            errors.Add("brokeredBy", "Must be a movement entity id such as wikimedia-polska.");
        }

        var inquiry = Text(root, "inquiryReference", "inquiryReference", 30, false, errors);
        if (inquiry is not null && !InquiryReference.IsWellFormed(inquiry))
        {
            errors.Add("inquiryReference", "Must be an inquiry reference such as PI-7JYR-KH0B-H6MZ-767K.");
        }

        if (!errors.IsEmpty)
        {
            return new(null, errors);
        }

        return new(new DonationSubmission(
            new InstitutionInfo(name!, country!, website),
            new DonorContact(contactName!, email!, language),
            new CollectionInfo(title!, category!, files!.Value, license!),
            donatedOn!.Value,
            creditLine!,
            brokeredBy,
            inquiry), errors);
    }

    private static JsonElement? Object(JsonElement root, string name, string[] fields, ValidationErrors errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, "Is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(name, "Must be an object.");
            return null;
        }

        Unknown(value, fields, name + ".", errors);
        return value;
    }

    private static string? Text(JsonElement? parent, string path, string member, int max, bool required, ValidationErrors errors)
    {
        if (parent is not { } obj)
        {
            return null;
        }

        if (!obj.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
        {
            if (required)
            {
                errors.Add(path, "Is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, "Must be a string.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > max)
        {
            errors.Add(path, $"Must be at most {max} characters.");
            return null;
        }

        // These values reach mail headers and pages.
        if (text.Any(char.IsControl) || text.Contains('<', StringComparison.Ordinal) || text.Contains('>', StringComparison.Ordinal))
        {
            errors.Add(path, "Must be a single line without control characters, < or >.");
            return null;
        }

        return text;
    }

    private static int? Files(JsonElement? collection, ValidationErrors errors)
    {
        if (collection is not { } obj)
        {
            return null;
        }

        if (!obj.TryGetProperty("files", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("collection.files", "Is required.");
            return null;
        }

        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out var n) ? n : (int?)null,
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            _ => null,
        };
        if (ok is not { } files || files < 1 || files > DonationContract.MaxFiles)
        {
            errors.Add("collection.files", $"Must be a whole number of files from 1 to {DonationContract.MaxFiles:N0}.");
            return null;
        }

        return files;
    }

    private static void Unknown(JsonElement obj, string[] known, string prefix, ValidationErrors errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(prefix + property.Name, "Is not a field of the donation contract.");
            }
        }
    }

    [GeneratedRegex(@"^Category:[^#<>\[\]|{}_]{1,245}$")]
    private static partial Regex CategoryPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex EntityIdPattern();
}
