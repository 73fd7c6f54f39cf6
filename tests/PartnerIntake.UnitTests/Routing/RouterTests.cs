using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Routing;

public class RouterTests
{
    private static readonly RoutingTables Tables = Builders.SeedTables();

    [Fact]
    public void Route_NationalContentDonationInPoland_ChapterLeadsFoundationCollaborates()
    {
        var decision = Router.Route(Builders.Submission(), Tables);

        decision.Primary.Id.ShouldBe("wikimedia-polska");
        decision.Collaborators.ShouldContain(c => c.Id == "wmf-culture-heritage");
        decision.Rules.ShouldContain(r => r.Rule == "lead-policy");
        decision.TablesVersion.ShouldBe(Tables.Version);
        decision.Summary.ShouldContain("Wikimedia Polska");
    }

    [Fact]
    public void Route_Subdivision_RoutesToTheSubnationalChapter()
    {
        var decision = Router.Route(Builders.Submission(country: "US", subdivision: "US-NY", topics: ["events"]), Tables);

        decision.Primary.Id.ShouldBe("wikimedia-nyc");
    }

    [Fact]
    public void Route_CountryWithoutEntity_FallsBackToTriage()
    {
        var decision = Router.Route(Builders.Submission(country: "TD", topics: ["events"]), Tables);

        decision.Primary.Id.ShouldBe(RoutingTables.TriageEntityId);
        decision.Rules.ShouldContain(r => r.Rule == "fallback-triage");
    }

    [Fact]
    public void Route_Global_FoundationTeamForTheTopicLeads()
    {
        var decision = Router.Route(Builders.Submission(topics: ["commercial-reuse"], scale: "global"), Tables);

        decision.Primary.Id.ShouldBe("wmf-enterprise");
        decision.Collaborators.ShouldContain(c => c.Id == "wikimedia-polska");
    }

    [Fact]
    public void Route_FormalAgreementWithUserGroup_LegalEntityLeadsUserGroupCollaborates()
    {
        var decision = Router.Route(Builders.Submission(country: "BR", topics: ["events"], agreement: "formal"), Tables);

        decision.Primary.Id.ShouldBe(RoutingTables.TriageEntityId);
        decision.Collaborators.ShouldContain(c => c.Id == "wiki-educacao-brasil");
        decision.PassedOver.ShouldContain(p => p.Id == "wiki-educacao-brasil");
    }

    [Fact]
    public void Route_InactiveEntity_IsSkippedWithReason()
    {
        var decision = Router.Route(Builders.Submission(country: "RU", topics: ["events"]), Tables);

        decision.Primary.Id.ShouldBe(RoutingTables.TriageEntityId);
        decision.PassedOver.ShouldContain(p => p.Id == "wikimedia-russia" && p.Reason.Contains("inactive", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_SameInput_SameDecision()
    {
        var a = Router.Route(Builders.Submission(topics: ["health-medicine"]), Tables);
        var b = Router.Route(Builders.Submission(topics: ["health-medicine"]), Tables);

        b.Primary.ShouldBe(a.Primary);
        b.Summary.ShouldBe(a.Summary);
        a.Primary.Id.ShouldBe("wiki-project-med");
    }
}
