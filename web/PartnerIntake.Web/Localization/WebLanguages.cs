using System.Globalization;

namespace PartnerIntake.Web.Localization;

/// <summary>The languages the pages are written in; the first is the default.</summary>
public static class WebLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["en", "de", "es", "fr", "pl", "pt", "ar"];

    public static readonly IReadOnlyList<CultureInfo> Cultures = Codes.Select(CultureInfo.GetCultureInfo).ToList();

    public static bool IsSupported(string? code) => code is not null && Codes.Contains(code, StringComparer.OrdinalIgnoreCase);

    public static bool IsRightToLeft(CultureInfo culture) => culture.TextInfo.IsRightToLeft;

    /// <summary>Languages offered for "content languages": the Wikipedias a partner is most likely to mean, by code.</summary>
    public static readonly IReadOnlyList<string> ContentLanguageCodes =
    [
        "en", "de", "fr", "es", "it", "pl", "pt", "nl", "sv", "ru", "uk", "cs", "ca", "eu", "gl", "hu", "fi", "da",
        "no", "el", "tr", "he", "ar", "fa", "ur", "hi", "bn", "ta", "id", "ms", "vi", "th", "zh", "ja", "ko",
        "sw", "yo", "ha", "ig", "am", "zu", "af", "eo", "la",
    ];
}
