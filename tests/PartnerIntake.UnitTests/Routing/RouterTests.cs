using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Routing;

/// <summary>Each policy rule, over the shipped tables.</summary>
public class RouterTests
{
    private static readonly RoutingTables Tables = Builders.SeedTables();

    public sealed record Case(string Name, string Country, string? Subdivision, string[] Topics, string Scale, string Agreement,
        string[] ContentLanguages, string Primary, string[] Collaborators, string? Rule);

    public static IEnumerable<Case> Cases() =>
    [
        new("national content donation: chapter leads", "PL", null, ["content-donation"], "national", "informal", ["pl"], "wikimedia-polska", ["wmf-culture-heritage"], "lead-policy"),
        new("subdivision first", "US", "US-NY", ["events"], "local", "informal", [], "wikimedia-nyc", [], "region"),
        new("country without chapter: regional Foundation team", "TD", null, ["events"], "national", "informal", [], "wmf-region-ssa", [], "region"),
        new("global: Foundation team of the topic leads", "PL", null, ["commercial-reuse"], "global", "informal", [], "wmf-enterprise", ["wikimedia-polska"], "scale-global"),
        new("global without topic team: partnerships", "DE", null, ["events"], "global", "informal", [], "wmf-partnerships", ["wikimedia-deutschland"], "scale-global"),
        new("health: Wiki Project Med leads", "FR", null, ["health-medicine"], "national", "informal", [], "wiki-project-med", ["wikimedia-france"], "lead-policy"),
        new("Catalan content: Amical leads", "ES", null, ["content-donation"], "national", "informal", ["ca"], "amical-wikimedia", ["wikimedia-espana", "wmf-culture-heritage"], "lead-policy"),
        new("Catalan culture in Catalonia: Amical leads", "ES", "ES-CT", ["language-culture"], "local", "informal", [], "amical-wikimedia", ["wikimedia-espana"], "lead-policy"),
        new("language-culture outside Catalan lands: geography", "ES", "ES-MD", ["language-culture"], "local", "informal", [], "wikimedia-espana", [], null),
        new("library access: The Wikipedia Library", "GB", null, ["library-access"], "national", "informal", [], "wmf-wikipedia-library", ["wikimedia-uk"], "lead-policy"),
        new("trademark: Legal", "IT", null, ["trademark-brand"], "national", "formal", [], "wmf-legal", ["wikimedia-italia"], "lead-policy"),
        new("press: Communications", "NL", null, ["media-press"], "national", "informal", [], "wmf-communications", ["wikimedia-nederland"], "lead-policy"),
        new("global funding: Advancement", "US", null, ["funding"], "global", "formal", [], "wmf-advancement", ["wmf-region-na"], "scale-global"),
        new("national funding: chapter leads", "AT", null, ["funding"], "national", "formal", [], "wikimedia-osterreich", ["wmf-advancement"], "lead-policy"),
        new("EU-level advocacy: Wikimedia Europe", "BE", null, ["advocacy"], "regional", "informal", [], "wikimedia-europe", ["wikimedia-belgium"], "lead-policy"),
        new("national advocacy: chapter", "BE", null, ["advocacy"], "national", "informal", [], "wikimedia-belgium", ["wmf-advocacy"], "lead-policy"),
        new("content donation without chapter: CPH collaborates", "KE", null, ["content-donation"], "national", "informal", [], "wikimedia-community-ug-kenya", ["content-partnerships-hub", "wmf-culture-heritage"], "topic-collaborator"),
    ];

    public static TheoryData<string> CaseNames() => new(Cases().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Route_PolicyCase_LeadAndCollaboratorsAsTheTablesSay(string name)
    {
        var c = Cases().Single(x => x.Name == name);
        var inquiry = Builders.Submission(country: c.Country, subdivision: c.Subdivision, topics: c.Topics, scale: c.Scale, agreement: c.Agreement)
            with { ContentLanguages = c.ContentLanguages };

        var decision = Router.Route(inquiry, Tables);

        decision.Primary.Id.ShouldBe(c.Primary, name);
        decision.Collaborators.Select(x => x.Id).ShouldBe(c.Collaborators, ignoreOrder: true, name);
        if (c.Rule is not null)
        {
            decision.Rules.ShouldContain(r => r.Rule == c.Rule, name);
        }

        decision.TablesVersion.ShouldBe(Tables.Version);
        decision.Summary.ShouldContain(decision.Primary.Name);
    }

    [Fact]
    public void Route_FormalAgreementWithUserGroup_LegalEntityLeadsUserGroupCollaborates()
    {
        var decision = Router.Route(Builders.Submission(country: "BR", topics: ["events"], agreement: "formal"), Tables);

        decision.Primary.Id.ShouldBe("wmf-region-lac");
        decision.Collaborators.ShouldContain(c => c.Id == "wiki-educacao-brasil" && c.Role == "partner-facing collaborator");
        decision.PassedOver.ShouldContain(p => p.Id == "wiki-educacao-brasil" && p.Reason.Contains("legal entity", StringComparison.Ordinal));
        decision.Rules.ShouldContain(r => r.Rule == "formal-needs-legal-entity");
    }

    [Fact]
    public void Route_InformalWithUserGroup_UserGroupLeads()
    {
        Router.Route(Builders.Submission(country: "BR", topics: ["events"]), Tables).Primary.Id.ShouldBe("wiki-educacao-brasil");
    }

    [Fact]
    public void Route_InactiveChapter_IsSkippedWithDatedReason()
    {
        var decision = Router.Route(Builders.Submission(country: "RU", topics: ["events"]), Tables);

        decision.Primary.Id.ShouldBe("wmf-region-cee");
        decision.PassedOver.ShouldContain(p => p.Id == "wikimedia-russia" && p.Reason.StartsWith("inactive since 2023", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_TwoTopicsWithDifferentTeams_SecondBecomesCollaboratorAndIsRecorded()
    {
        var decision = Router.Route(Builders.Submission(country: "PL", topics: ["health-medicine", "media-press"]), Tables);

        decision.Primary.Id.ShouldBe("wiki-project-med");
        decision.Collaborators.ShouldContain(c => c.Id == "wmf-communications");
        decision.Rules.ShouldContain(r => r.Rule == "additional-topic");
    }

    [Fact]
    public void Route_Explanation_RecordsInputsOfEachRule()
    {
        var decision = Router.Route(Builders.Submission(country: "US", subdivision: "US-NY", topics: ["content-donation"]), Tables);

        var region = decision.Rules.First(r => r.Rule == "region");
        region.Inputs["subdivision"].ShouldBe("US-NY");
        decision.Rules.Single(r => r.Rule == "topic").Inputs["topic"].ShouldBe("content-donation");
    }

    [Fact]
    public void Route_SameInput_SameDecision()
    {
        var a = Router.Route(Builders.Submission(topics: ["health-medicine"]), Tables);
        var b = Router.Route(Builders.Submission(topics: ["health-medicine"]), Tables);

        b.Primary.ShouldBe(a.Primary);
        b.Collaborators.ShouldBe(a.Collaborators);
        b.Summary.ShouldBe(a.Summary);
    }
}
