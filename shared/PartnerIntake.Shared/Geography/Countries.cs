using System.Collections.Frozen;
using System.Reflection;

namespace PartnerIntake.Shared.Geography;

/// <summary>ISO 3166-1 alpha-2 codes with English names (from the tz database's public-domain iso3166.tab).</summary>
public static class Countries
{
    private static readonly FrozenDictionary<string, string> NamesByCode = Load();

    public static IReadOnlyCollection<string> Codes => NamesByCode.Keys;

    public static bool IsKnown(string code) => NamesByCode.ContainsKey(code);

    public static string? NameOf(string code) => NamesByCode.GetValueOrDefault(code);

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("PartnerIntake.Shared.Geography.iso3166.tab")
            ?? throw new InvalidOperationException("iso3166.tab is not embedded");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            map[line[..tab]] = line[(tab + 1)..];
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
