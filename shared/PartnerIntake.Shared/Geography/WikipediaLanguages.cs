using System.Collections.Frozen;
using System.Reflection;

namespace PartnerIntake.Shared.Geography;

/// <summary>A language a Wikipedia is written in: its Wikimedia code, its own name and its English name.</summary>
public sealed record WikipediaLanguage(string Code, string Autonym, string EnglishName);

/// <summary>
/// The content languages a partner can name: every Wikipedia language edition (wikipedia-languages.tab, by the
/// Wikimedia site codes, so "cy", "zh-yue" and "be-tarask" as the projects spell them). The API and the form accept
/// exactly these codes.
/// </summary>
public static class WikipediaLanguages
{
    private static readonly FrozenDictionary<string, WikipediaLanguage> ByCode = Load();

    /// <summary>Every language, by code.</summary>
    public static IReadOnlyCollection<WikipediaLanguage> All { get; } = ByCode.Values.OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static WikipediaLanguage? Find(string code) => ByCode.GetValueOrDefault(code);

    private static FrozenDictionary<string, WikipediaLanguage> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("PartnerIntake.Shared.Geography.wikipedia-languages.tab")
            ?? throw new InvalidOperationException("wikipedia-languages.tab is not embedded");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, WikipediaLanguage>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            map[parts[0]] = new WikipediaLanguage(parts[0], parts[1], parts[2]);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
