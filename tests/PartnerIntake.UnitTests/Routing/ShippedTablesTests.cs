using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Routing;

/// <summary>Properties the shipped routing data must keep, checked over every country × topic × scale × agreement.</summary>
public class ShippedTablesTests
{
    private static readonly RoutingTables Tables = Builders.SeedTables();

    private static IEnumerable<InquirySubmission> EveryCombination() =>
        from country in Countries.Codes
        from topic in InquiryContract.Topics
        from scale in InquiryContract.Scales
        from agreement in InquiryContract.Agreements
        select Builders.Submission(country: country, topics: [topic], scale: scale, agreement: agreement);

    [Fact]
    public void Validate_Seed_HasNoErrors()
    {
        var result = RoutingTablesCsv.Seed().Validate();

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Route_EveryCombination_PrimaryIsActiveAndNoInactiveEntityIsChosen()
    {
        foreach (var inquiry in EveryCombination())
        {
            var decision = Router.Route(inquiry, Tables);

            Tables.Entity(decision.Primary.Id)!.Active.ShouldBeTrue($"{inquiry.Organization.Country}/{inquiry.Topics[0]}");
            decision.Collaborators.ShouldAllBe(c => Tables.Entity(c.Id)!.Active);
        }
    }

    [Fact]
    public void Route_EveryFormalAgreement_IsLedByALegalEntity()
    {
        foreach (var inquiry in EveryCombination().Where(i => i.Agreement == "formal"))
        {
            var decision = Router.Route(inquiry, Tables);

            Tables.Entity(decision.Primary.Id)!.LegalEntity.ShouldBeTrue($"{inquiry.Organization.Country}/{inquiry.Topics[0]}/{inquiry.Scale}");
        }
    }

    [Fact]
    public void Route_EveryCombination_IsDeterministic()
    {
        foreach (var inquiry in EveryCombination().Where((_, i) => i % 7 == 0))
        {
            var a = Router.Route(inquiry, Tables);
            var b = Router.Route(inquiry, Tables);

            b.Primary.ShouldBe(a.Primary);
            b.Collaborators.ShouldBe(a.Collaborators);
            b.Summary.ShouldBe(a.Summary);
        }
    }

    [Fact]
    public void Regions_EveryIsoCountry_HasARouteToAnActiveEntity()
    {
        foreach (var country in Countries.Codes)
        {
            var route = Tables.Region(country);

            route.ShouldNotBeNull(country);
            route.EntityIds.ShouldContain(id => Tables.Entity(id)!.Active, country);
        }

        Countries.Codes.Count.ShouldBe(249);
    }

    [Theory]
    [InlineData("AR")]
    [InlineData("AM")]
    [InlineData("AU")]
    [InlineData("AT")]
    [InlineData("BD")]
    [InlineData("BE")]
    [InlineData("CA")]
    [InlineData("CL")]
    [InlineData("CO")]
    [InlineData("CZ")]
    [InlineData("DK")]
    [InlineData("EE")]
    [InlineData("FI")]
    [InlineData("FR")]
    [InlineData("DE")]
    [InlineData("HU")]
    [InlineData("ID")]
    [InlineData("IL")]
    [InlineData("IT")]
    [InlineData("MX")]
    [InlineData("NL")]
    [InlineData("NO")]
    [InlineData("PL")]
    [InlineData("PT")]
    [InlineData("RS")]
    [InlineData("NZ")]
    [InlineData("CH")]
    [InlineData("GB")]
    [InlineData("KR")]
    [InlineData("US-NY")]
    [InlineData("US-DC")]
    public void Regions_ConfirmedChapter_LeadsItsCountry(string area)
    {
        var first = Tables.Entity(Tables.Region(area)!.EntityIds[0])!;

        first.Kind.ShouldBe(EntityKind.Chapter, area);
        first.Active.ShouldBeTrue(area);
    }

    [Theory]
    [InlineData("HK")]
    [InlineData("MO")]
    [InlineData("MK")]
    [InlineData("PH")]
    [InlineData("IN")]
    [InlineData("RU")]
    public void Regions_DerecognisedChapter_IsPresentButInactive(string country)
    {
        var chapter = Tables.Region(country)!.EntityIds.Select(Tables.Entity).First(e => e!.Kind == EntityKind.Chapter)!;

        chapter.Active.ShouldBeFalse(country);
        chapter.InactiveReason.ShouldNotBeNullOrWhiteSpace();
        chapter.InactiveSince.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("amical-wikimedia", EntityKind.ThematicOrganization)]
    [InlineData("wiki-project-med", EntityKind.ThematicOrganization)]
    [InlineData("wikimedia-europe", EntityKind.Hub)]
    [InlineData("content-partnerships-hub", EntityKind.Hub)]
    [InlineData(RoutingTables.TriageEntityId, EntityKind.FoundationTeam)]
    public void Entities_MovementStructure_IsPresentAndActive(string id, string kind)
    {
        var entity = Tables.Entity(id)!;

        entity.Kind.ShouldBe(kind);
        entity.Active.ShouldBeTrue();
        entity.LegalEntity.ShouldBeTrue();
    }

    [Fact]
    public void Entities_Contacts_AreExampleAddressesOnly()
    {
        // Real affiliate contacts are private; they come from deployment configuration.
        Tables.Entities.Where(e => e.Contact.Length > 0).ShouldAllBe(e => e.Contact.EndsWith("@example.org", StringComparison.Ordinal));
    }
}
