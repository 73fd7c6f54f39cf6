using BenchmarkDotNet.Attributes;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.RoutingBench;

/// <summary>
/// One routing decision (<see cref="Router.Route"/>) over the full shipped routing tables (all 249 countries),
/// next to a floor in the same run: the dictionary look-ups alone that the same inquiry needs. The ratio
/// column is Route / Floor per inquiry; the gap is what the decision itself costs (rule matching, the
/// explanation, the summary sentence and the lists it is returned in).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RoutingDecisionBenchmarks
{
    private RoutingTables tables = null!;
    private InquirySubmission inquiry = null!;

    /// <summary>The representative inquiries; see <see cref="Cases"/>.</summary>
    [ParamsAllValues]
    public RoutingCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        tables = RoutingTablesCsv.Seed().Parse();
        inquiry = Cases.Create(Case);

        // Fail fast if the shipped tables no longer route the case the way its name says: the figures
        // would then measure a different decision than the one documented.
        var decision = Router.Route(inquiry, tables);
        Cases.Check(Case, decision);
    }

    /// <summary>
    /// The floor: every table look-up <see cref="Router.Route"/> can make for this inquiry (region by
    /// subdivision and country, each entity of those routes, the "*" and per-topic rule rows and their
    /// entities, the active-chapter set), with no matching, no allocation and no explanation.
    /// Loops use the indexer, not foreach, so no interface enumerator is allocated.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int Floor()
    {
        var found = 0;
        var org = inquiry.Organization;
        if (org.Subdivision is { } subdivision && tables.Region(subdivision) is { } own)
        {
            found += Entities(own);
        }

        if (tables.Region(org.Country) is { } country)
        {
            found += Entities(country);
        }

        found += Rules("*");
        var topics = inquiry.Topics;
        for (var i = 0; i < topics.Count; i++)
        {
            found += Rules(topics[i]);
        }

        return tables.HasActiveChapter(org.Country) ? found + 1 : found;
    }

    [Benchmark]
    public RoutingDecision Route() => Router.Route(inquiry, tables);

    private int Entities(RegionRoute route)
    {
        var found = 1;
        var ids = route.EntityIds;
        for (var i = 0; i < ids.Count; i++)
        {
            if (tables.Entity(ids[i]) is not null)
            {
                found++;
            }
        }

        return found;
    }

    private int Rules(string topic)
    {
        var found = 0;
        var rules = tables.RulesFor(topic);
        for (var i = 0; i < rules.Count; i++)
        {
            if (tables.Entity(rules[i].EntityId) is not null)
            {
                found++;
            }
        }

        return found;
    }
}
