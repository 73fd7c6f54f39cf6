using System.Globalization;

namespace PartnerIntake.Web.Localization;

/// <summary>The languages the pages are written in; the first is the default.</summary>
public static class WebLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["en", "de", "es", "fr", "pl", "pt", "ar"];

    public static readonly IReadOnlyList<CultureInfo> Cultures = Codes.Select(CultureInfo.GetCultureInfo).ToList();

    /// <summary>
    /// Cultures for dates and numbers: the page languages and their regional variants, so that an en-GB reader gets
    /// British dates while the text stays English (the UI culture falls back to "en"). Only Gregorian ones: a date
    /// next to a UTC time must not turn into another calendar (ar-SA defaults to Umm al-Qura).
    /// </summary>
    public static readonly IReadOnlyList<CultureInfo> FormattingCultures = Cultures
        .Concat(CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => Codes.Contains(c.TwoLetterISOLanguageName, StringComparer.Ordinal) && c.Calendar is GregorianCalendar)
            .OrderBy(c => c.Name, StringComparer.Ordinal))
        .ToList();

    public static bool IsSupported(string? code) => code is not null && Codes.Contains(code, StringComparer.OrdinalIgnoreCase);

    public static bool IsRightToLeft(CultureInfo culture) => culture.TextInfo.IsRightToLeft;
}
