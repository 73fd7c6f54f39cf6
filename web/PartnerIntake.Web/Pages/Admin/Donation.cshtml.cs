using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// Record a donation by hand: the API's contract field by field, checked by the API's validator and stored as the API
/// stores it (<see cref="ConsoleDonations"/>). Reached from an inquiry's page, the form starts with that inquiry's partner.
/// </summary>
public sealed class DonationModel(ConsoleDonations donations, IInquiryStore inquiries) : PageModel
{
    /// <summary>The form's labels, by the contract's JSON path (the field names, as in the CSV import).</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["institution.name"] = "Institution",
        ["institution.country"] = "Country",
        ["institution.website"] = "Website (optional)",
        ["contact.name"] = "Contact's name",
        ["contact.email"] = "Contact's e-mail address",
        ["contact.language"] = "Contact's language",
        ["collection.title"] = "Collection title",
        ["collection.commonsCategory"] = "Wikimedia Commons category",
        ["collection.files"] = "Number of files",
        ["collection.license"] = "Licence",
        ["donatedOn"] = "Donated on",
        ["creditLine"] = "Credit line",
        ["brokeredBy"] = "Brokered by (optional)",
        ["inquiryReference"] = "Inquiry reference (optional)",
    };

    public static IReadOnlyList<KeyValuePair<string, string>> Countries { get; } = CountryNames.All(CultureInfo.GetCultureInfo("en"));

    /// <summary>The languages the notices are written in, by their English names.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Languages { get; } = RecognitionModel.Languages
        .Select(code => KeyValuePair.Create(code, CultureInfo.GetCultureInfo(code).EnglishName)).ToList();

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal) { ["contact.language"] = "en" };

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The element id of a field: its path with dashes (the error summary links to it).</summary>
    public static string Id(string field) => "f-" + field.Replace('.', '-');

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public async Task OnGetAsync(string? inquiry, CancellationToken cancellationToken)
    {
        if (inquiry is not { } reference || !InquiryReference.IsWellFormed(reference))
        {
            return;
        }

        Values["inquiryReference"] = reference;
        try
        {
            if (await inquiries.GetAsync(reference, cancellationToken) is { } found)
            {
                var s = found.Submission;
                Values["institution.name"] = s.Organization.Name;
                Values["institution.country"] = s.Organization.Country;
                Values["institution.website"] = s.Organization.Website;
                Values["contact.name"] = s.Contact.Name;
                Values["contact.email"] = s.Contact.Email;
                Values["contact.language"] = s.Contact.Language;
            }
        }
        catch (InquiryUnreadableException)
        {
            // Only the reference is filled in: the operator types the rest.
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var name in DonationFormFields.Names)
        {
            Values[name] = Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
        }

        var result = await donations.RecordAsync(Values, User.Identity?.Name ?? "console", cancellationToken);
        if (!result.IsValid)
        {
            Errors = result.Errors.ToDictionary();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return RedirectToPage("/Admin/Recognition", new { recorded = result.Value!.Id });
    }
}
