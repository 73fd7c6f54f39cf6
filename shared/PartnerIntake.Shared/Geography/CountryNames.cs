using System.Collections.Concurrent;
using System.Globalization;

namespace PartnerIntake.Shared.Geography;

/// <summary>
/// Country names in any language, from the ICU/CLDR data the runtime already carries: the display name
/// of the locale "und-XX" is "Unknown language (Country)" in the current UI language, so the part in
/// parentheses is CLDR's name for the country. Falls back to the English name from iso3166.tab.
/// </summary>
public static class CountryNames
{
    public static string Localized(string code, CultureInfo language)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // CultureInfo.DisplayName follows CurrentUICulture, not a parameter.
            CultureInfo.CurrentUICulture = language;
            var display = CultureInfo.GetCultureInfo("und-" + code).DisplayName;
            var open = display.IndexOf('(', StringComparison.Ordinal);
            var close = display.LastIndexOf(')');
            return open >= 0 && close > open + 1 ? display[(open + 1)..close] : Countries.NameOf(code) ?? code;
        }
        catch (CultureNotFoundException)
        {
            return Countries.NameOf(code) ?? code;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static readonly ConcurrentDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Lists = new(StringComparer.Ordinal);

    /// <summary>
    /// Every known country as (code, name), sorted by name in that language's collation. Built once per language:
    /// the form shows it on every request.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All(CultureInfo language) =>
        Lists.GetOrAdd(language.Name, _ =>
        {
            var comparer = StringComparer.Create(language, ignoreCase: true);
            return Countries.Codes
                .Select(code => KeyValuePair.Create(code, Localized(code, language)))
                .OrderBy(pair => pair.Value, comparer)
                .ToList();
        });
}
