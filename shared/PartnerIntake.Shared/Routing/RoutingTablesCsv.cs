using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using PartnerIntake.Shared.Common;

namespace PartnerIntake.Shared.Routing;

/// <summary>The routing tables as CSV: the repository's seed and (later) operator uploads.</summary>
public sealed record RoutingTablesCsv(string Entities, string Regions, string Topics)
{
    public static RoutingTablesCsv Seed()
    {
        return new(Read("entities.csv"), Read("regions.csv"), Read("topics.csv"));

        static string Read(string name)
        {
            using var stream = Assembly.GetExecutingAssembly()
                .GetManifestResourceStream($"PartnerIntake.Shared.Routing.Data.{name}")
                ?? throw new InvalidOperationException($"{name} is not embedded");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>A version id derived from the content: the same tables always get the same version.</summary>
    public string ContentVersion()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Entities + "\u0000" + Regions + "\u0000" + Topics));
        return "v-" + Convert.ToHexStringLower(hash)[..12];
    }

    public RoutingTables Parse()
    {
        var entities = Body(Entities, "entities.csv", 9).Select(r => new MovementEntity(
            Id: r.Fields[0],
            Name: r.Fields[1],
            Kind: r.Fields[2],
            LegalEntity: YesNo(r.Fields[3]),
            Languages: r.Fields[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Contact: r.Fields[5],
            AckSlaDays: int.Parse(r.Fields[6], System.Globalization.CultureInfo.InvariantCulture),
            Active: YesNo(r.Fields[7]),
            InactiveReason: NullIfEmpty(r.Fields[8]))).ToList();
        var regions = Body(Regions, "regions.csv", 3).Select(r => new RegionRoute(
            r.Fields[0],
            NullIfEmpty(r.Fields[1]),
            r.Fields[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();
        var topics = Body(Topics, "topics.csv", 3).Select(r => new TopicRoute(r.Fields[0], r.Fields[1], r.Fields[2])).ToList();
        return new RoutingTables(ContentVersion(), entities, regions, topics);
    }

    private static IEnumerable<Csv.Row> Body(string text, string file, int columns)
    {
        foreach (var row in Csv.Parse(text).Skip(1))
        {
            if (row.Fields.Count != columns)
            {
                throw new FormatException($"{file} line {row.Line}: expected {columns} columns, found {row.Fields.Count}.");
            }

            yield return row;
        }
    }

    private static bool YesNo(string value) => value.Trim().ToLowerInvariant() is "yes" or "true" or "1";

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
