using System.Net.Mail;
using System.Text.RegularExpressions;

namespace PartnerIntake.Shared.Common;

/// <summary>Field rules shared by every contract we accept (inquiries, donations).</summary>
public static partial class FieldRules
{
    /// <summary>A single address, no display name; stricter than RFC 5322 on purpose (it reaches mail headers).</summary>
    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && string.IsNullOrEmpty(address.DisplayName)
        && EmailPattern().IsMatch(value);

    /// <summary>A BCP 47-shaped language tag: en, pl, pt-BR.</summary>
    public static bool IsLanguage(string value) => LanguagePattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();
}
