using PartnerIntake.Shared.Routing;

namespace PartnerIntake.UnitTests.Routing;

/// <summary>The console's download of the live tables: the three files the import reads, re-importing unchanged.</summary>
public class RoutingTablesCsvExportTests
{
    private static readonly RoutingTables Seed = RoutingTablesCsv.Seed().Parse();

    [Fact]
    public void From_SeedTables_ValidatesBackToTheSameTablesAndVersion()
    {
        var csv = RoutingTablesCsv.From(Seed);

        var again = csv.Validate();

        again.Errors.ShouldBeEmpty();
        again.Tables!.Version.ShouldBe(Seed.Version);
        again.Tables.Entities.Count.ShouldBe(Seed.Entities.Count);
        again.Tables.Regions.Count.ShouldBe(Seed.Regions.Count);
        again.Tables.Topics.Select(t => (t.Topic, t.EntityId, t.Policy, t.When.ToString()))
            .ShouldBe(Seed.Topics.Select(t => (t.Topic, t.EntityId, t.Policy, t.When.ToString())));
    }

    [Fact]
    public void From_EntitiesInAnotherOrder_SameFilesAndVersion()
    {
        var shuffled = Seed with { Entities = Seed.Entities.Reverse().ToList(), Regions = Seed.Regions.Reverse().ToList() };

        RoutingTablesCsv.From(shuffled).ShouldBe(RoutingTablesCsv.From(Seed));
    }

    [Fact]
    public void ContentVersion_DifferentQuotingOfTheSameTables_IsTheSame()
    {
        var seed = RoutingTablesCsv.Seed();
        var quoted = seed with { Entities = seed.Entities.Replace(",Wikimedia Polska,", ",\"Wikimedia Polska\",", StringComparison.Ordinal) };

        quoted.ContentVersion().ShouldBe(seed.ContentVersion());
    }

    [Fact]
    public void From_NameStartingWithAFormulaCharacter_GuardedInTheFileAndReadBackAsItWas()
    {
        var entities = Seed.Entities.Select(e => e.Id == "wikimedia-polska" ? e with { Name = "=Wikimedia Polska" } : e).ToList();

        var csv = RoutingTablesCsv.From(Seed with { Entities = entities });

        csv.Entities.ShouldContain("'=Wikimedia Polska");
        csv.Validate().Tables!.Entity("wikimedia-polska")!.Name.ShouldBe("=Wikimedia Polska");
    }

    [Theory]
    [InlineData("entities.csv", "id,name,kind")]
    [InlineData("regions.csv", "country,subdivision,entities")]
    [InlineData("topics.csv", "topic,entity,policy,when")]
    public void File_ByName_IsThatFilesText(string name, string header)
    {
        RoutingTablesCsv.From(Seed).File(name)!.ShouldStartWith(header);
    }

    [Fact]
    public void File_UnknownName_IsNull()
    {
        RoutingTablesCsv.From(Seed).File("../appsettings.json").ShouldBeNull();
    }
}
