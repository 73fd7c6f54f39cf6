using PartnerIntake.Shared.Routing;

namespace PartnerIntake.UnitTests.Routing;

public class RoutingTablesValidationTests
{
    private static readonly RoutingTablesCsv Seed = RoutingTablesCsv.Seed();

    [Fact]
    public void Validate_DuplicateId_ReportsTheSecondLine()
    {
        var lines = Lines(Seed.Entities);
        lines.Add(lines[1]);

        var error = Single(Seed with { Entities = Join(lines) });

        error.File.ShouldBe("entities.csv");
        error.Line.ShouldBe(lines.Count);
        error.Message.ShouldContain("duplicate id");
    }

    [Theory]
    [InlineData("\r\n", 0x0D)]
    [InlineData("\n", 0x0A)]
    [InlineData("\t", 0x09)]
    [InlineData("\0", 0x00)]
    [InlineData("\u0085", 0x85)]
    [InlineData("\u202E", 0x202E)]
    [InlineData("\u2066", 0x2066)]
    public void Validate_ControlOrBidiCharacterInAName_ReportsItsLineAndColumn(string inserted, int codePoint)
    {
        var lines = Lines(Seed.Entities);
        var line = LineOf(Seed.Entities, "wikimedia-polska,");
        lines[line - 1] = lines[line - 1].Replace("wikimedia-polska,Wikimedia Polska,", $"wikimedia-polska,\"Wikimedia{inserted}Polska\",", StringComparison.Ordinal);

        var error = Single(Seed with { Entities = Join(lines) });

        error.File.ShouldBe("entities.csv");
        error.Line.ShouldBe(line);
        error.Message.ShouldContain($"contains U+{codePoint:X4}: control characters");
    }

    [Fact]
    public void Validate_ControlCharacterInRegionsOrTopics_IsRejectedToo()
    {
        var regions = Seed with { Regions = Seed.Regions.Replace("PL,,wikimedia-polska;", "PL,\"\u2069\",wikimedia-polska;", StringComparison.Ordinal) };
        var topics = Seed with { Topics = Seed.Topics.TrimEnd() + "\nevents,wmf-partnerships,geographic-lead,\"\u0007\"\n" };

        regions.Validate().Errors.ShouldContain(e => e.File == "regions.csv" && e.Message.StartsWith("subdivision contains U+2069", StringComparison.Ordinal));
        topics.Validate().Errors.ShouldContain(e => e.File == "topics.csv" && e.Message.StartsWith("when contains U+0007", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownEntityInRegions_IsADanglingReference()
    {
        var candidate = Seed with { Regions = Seed.Regions.Replace("PL,,wikimedia-polska;", "PL,,wikimedia-polksa;", StringComparison.Ordinal) };

        var error = Single(candidate);

        error.File.ShouldBe("regions.csv");
        error.Line.ShouldBe(LineOf(candidate.Regions, "PL,,"));
        error.Message.ShouldContain("unknown entity 'wikimedia-polksa'");
    }

    [Fact]
    public void Validate_InvalidIsoCode_IsRejected()
    {
        var candidate = Seed with { Regions = Seed.Regions.TrimEnd() + "\nXK,,wmf-region-cee\n" };

        Single(candidate).Message.ShouldContain("'XK' is not an ISO 3166-1 alpha-2 country code");
    }

    [Fact]
    public void Validate_InvalidSubdivision_IsRejected()
    {
        var candidate = Seed with { Regions = Seed.Regions.TrimEnd() + "\nPL,DE-BY,wikimedia-polska\n" };

        Single(candidate).Message.ShouldContain("is not an ISO 3166-2 code of PL");
    }

    [Fact]
    public void Validate_CountryWithoutRoute_IsRejected()
    {
        var candidate = Seed with { Regions = Join(Lines(Seed.Regions).Where(l => !l.StartsWith("TD,", StringComparison.Ordinal))) };

        var error = Single(candidate);

        error.Line.ShouldBe(0);
        error.Message.ShouldContain("1 countries have no route to an active entity: TD");
    }

    [Fact]
    public void Validate_CountryRoutedOnlyToInactiveEntities_IsRejected()
    {
        var candidate = Seed with { Regions = Seed.Regions.Replace("RU,,wikimedia-russia;wmf-region-cee", "RU,,wikimedia-russia", StringComparison.Ordinal) };

        Single(candidate).Message.ShouldContain("no route to an active entity: RU");
    }

    [Fact]
    public void Validate_ActiveEntityWithoutContact_IsRejected()
    {
        var candidate = Seed with { Entities = Seed.Entities.Replace(",polska@example.org,", ",,", StringComparison.Ordinal) };

        var error = Single(candidate);

        error.Line.ShouldBe(LineOf(candidate.Entities, "wikimedia-polska,"));
        error.Message.ShouldContain("active entity 'wikimedia-polska' has no contact address");
    }

    [Fact]
    public void Validate_UnknownTopic_IsRejected()
    {
        var candidate = Seed with { Topics = Seed.Topics.Replace("health-medicine,", "healthcare,", StringComparison.Ordinal) };

        var error = Single(candidate);

        error.File.ShouldBe("topics.csv");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("unknown topic 'healthcare'");
    }

    [Fact]
    public void Validate_UnknownConditionAndPolicy_AreRejected()
    {
        var candidate = Seed with { Topics = Seed.Topics.TrimEnd() + "\nevents,wmf-partnerships,loudest-wins,weather=sunny\n" };

        var errors = candidate.Validate().Errors;

        errors.ShouldContain(e => e.Message.Contains("unknown policy 'loudest-wins'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Message.Contains("unknown condition 'weather'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FallbackCycle_IsRejected()
    {
        var candidate = Seed with
        {
            Entities = Join(Lines(Seed.Entities).Select(l => l.StartsWith("wmf-partnerships,", StringComparison.Ordinal)
                ? l[..l.LastIndexOf(',')] + ",wmf-region-ssa"
                : l.StartsWith("wmf-region-ssa,", StringComparison.Ordinal) ? l[..l.LastIndexOf(',')] + ",wmf-partnerships" : l)),
        };

        candidate.Validate().Errors.ShouldContain(e => e.Message.Contains("fallback cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DanglingFallback_IsRejected()
    {
        var candidate = Seed with
        {
            Entities = Join(Lines(Seed.Entities).Select(l => l.StartsWith("wikimedia-polska,", StringComparison.Ordinal) ? l[..l.LastIndexOf(',')] + ",nobody" : l)),
        };

        Single(candidate).Message.ShouldContain("fallback 'nobody' is not an entity");
    }

    [Fact]
    public void Validate_WrongHeaderOrColumnCount_IsRejectedWithLine()
    {
        var badHeader = Seed with { Topics = "topic,entity\nevents,wmf-partnerships\n" };
        var badRow = Seed with { Topics = Seed.Topics.TrimEnd() + "\nevents,wmf-partnerships\n" };

        Single(badHeader).Line.ShouldBe(1);
        Single(badRow).Message.ShouldContain("expected 4 columns");
    }

    [Fact]
    public void Validate_UnclosedQuoteInTheLastField_IsAnErrorOnItsLine()
    {
        // An unclosed quote at the very end used to read as if it were closed.
        var candidate = Seed with { Regions = Seed.Regions.Replace("ZW,,wmf-region-ssa", "ZW,,\"wmf-region-ssa", StringComparison.Ordinal) };

        candidate.Validate().Errors.ShouldContain(new TableError("regions.csv", LineOf(candidate.Regions, "ZW,,"), "a quote opened on this line is never closed"));
    }

    [Fact]
    public void Validate_UnclosedQuoteInTheMiddle_IsAnErrorOnItsLine()
    {
        var candidate = Seed with { Entities = Seed.Entities.Replace(",Wikimedia Polska,", ",\"Wikimedia Polska,", StringComparison.Ordinal) };

        var errors = candidate.Validate().Errors;

        errors.ShouldContain(new TableError("entities.csv", LineOf(candidate.Entities, "wikimedia-polska,"), "a quote opened on this line is never closed"));
        errors.ShouldNotContain(e => e.File == "entities.csv" && e.Message.StartsWith("expected", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InactiveWithoutReason_IsRejected()
    {
        var candidate = Seed with { Entities = Seed.Entities.Replace(",polska@example.org,5,yes,", ",polska@example.org,5,no,", StringComparison.Ordinal) };

        candidate.Validate().Errors.ShouldContain(e => e.Message.Contains("needs an inactiveReason", StringComparison.Ordinal));
    }

    [Fact]
    public void ContentVersion_SameContentDifferentLineEndings_IsTheSame()
    {
        var crlf = Seed with { Regions = Seed.Regions.Replace("\n", "\r\n", StringComparison.Ordinal) };

        crlf.ContentVersion().ShouldBe(Seed.ContentVersion());
        (Seed with { Topics = Seed.Topics + "events,wmf-partnerships,geographic-lead,\n" }).ContentVersion().ShouldNotBe(Seed.ContentVersion());
    }

    private static TableError Single(RoutingTablesCsv candidate)
    {
        var result = candidate.Validate();
        result.IsValid.ShouldBeFalse();
        return result.Errors.ShouldHaveSingleItem();
    }

    private static List<string> Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines) + "\n";

    private static int LineOf(string text, string prefix) => Lines(text).FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;
}
