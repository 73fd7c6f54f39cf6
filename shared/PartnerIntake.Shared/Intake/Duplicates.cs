using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerIntake.Shared.Intake;

/// <summary>An earlier inquiry from the same organisation or contact, and the entity it was first assigned to.</summary>
public sealed record LinkedInquiry(string Reference, DateTimeOffset ReceivedAt, string Matched, string? AssignedTo = null);

/// <summary>
/// How inquiries are recognised as coming from the same partner: the organisation's normalised
/// name, its website's domain, or the contact's e-mail address, within the organisation's country.
/// Keys are hashed: the index holds no personal data in clear.
/// </summary>
public static class DuplicateKeys
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public static IReadOnlyList<(string Kind, string Key)> For(InquirySubmission inquiry)
    {
        var keys = new List<(string, string)> { ("organisation", Hash("org", NormaliseName(inquiry.Organization.Name))) };
        if (Domain(inquiry.Organization.Website) is { } domain)
        {
            keys.Add(("website", Hash("web", domain)));
        }

        keys.Add(("contact", Hash("contact", inquiry.Contact.Email.Trim().ToLowerInvariant())));
        return keys;
    }

    /// <summary>Case, accents, punctuation and spacing do not make a different organisation.</summary>
    public static string NormaliseName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && b.Length > 0)
                {
                    b.Append(' ');
                }

                b.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return b.ToString();
    }

    public static string? Domain(string? website)
    {
        if (website is null || !Uri.TryCreate(website, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string Hash(string kind, string value) =>
        kind + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}

public interface IDuplicateIndex
{
    /// <summary>
    /// Earlier inquiries within <see cref="DuplicateKeys.Window"/> before this one that share a key, then records this
    /// one with the entity it is assigned to. Costs one read and one write, however many inquiries are stored.
    /// </summary>
    Task<IReadOnlyList<LinkedInquiry>> LinkAsync(Inquiry inquiry, string assignedTo, CancellationToken cancellationToken);
}
