using System.Globalization;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Web.Links;

namespace PartnerIntake.UnitTests.Web;

public class RedirectChoicesTests
{
    private static readonly RoutingTables Tables = RoutingTablesCsv.Seed().Parse();

    [Fact]
    public void For_PolishMuseumWithPolska_SuggestsTheRegionThenTheTopicTeamThenGroupsTheRestByKind()
    {
        var groups = RedirectChoices.For(Inquiry("PL", null, "content-donation"), Assigned("wikimedia-polska"), Tables, CultureInfo.InvariantCulture);

        groups.Select(g => g.Key).ShouldBe(["suggested", "chapter", "thematic-organization", "user-group", "hub", "foundation-team"]);
        groups[0].Entities.Select(e => e.Id).Take(2).ShouldBe(["wmf-region-cee", "wmf-culture-heritage"]);
        var offered = groups.SelectMany(g => g.Entities).Select(e => e.Id).ToList();
        offered.ShouldBeUnique();
        offered.ShouldNotContain("wikimedia-polska");
        offered.ShouldBe(Tables.Entities.Where(e => e.Active && e.Id != "wikimedia-polska").Select(e => e.Id), ignoreOrder: true);
        foreach (var group in groups.Skip(1))
        {
            group.Entities.ShouldAllBe(e => e.Kind == group.Key);
            group.Entities.Select(e => e.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase));
        }
    }

    [Fact]
    public void For_InactiveEntity_NeverOffered()
    {
        var inactive = Tables.Entities.First(e => e.Kind == EntityKind.Chapter && e.Active);
        var tables = Tables with { Entities = Tables.Entities.Select(e => e.Id == inactive.Id ? e with { Active = false, InactiveReason = "paused" } : e).ToList() };

        var groups = RedirectChoices.For(Inquiry("PL", null, "content-donation"), Assigned("wikimedia-polska"), tables, CultureInfo.InvariantCulture);

        groups.SelectMany(g => g.Entities).ShouldNotContain(e => e.Id == inactive.Id);
    }

    private static Inquiry Inquiry(string country, string? subdivision, string topic) => new(
        "PI-TEST",
        new InquirySubmission(new OrganizationInfo("Museum", "museum", null, country, subdivision), new ContactInfo("A", "a@example.org", null, "en"),
            [topic], "national", "formal", [], "Hello", true),
        InquiryStatus.Routed,
        DateTimeOffset.UnixEpoch);

    private static InquiryAssignment Assigned(string entityId)
    {
        var entity = Tables.Entity(entityId)!;
        var reference = new EntityRef(entity.Id, entity.Name, entity.Kind);
        return new InquiryAssignment("PI-TEST", 1, reference, entity.Contact, entity.AckSlaDays, AssignmentState.Pending, DateTimeOffset.UnixEpoch,
            new RoutingDecision(reference, [], [], [], Tables.Version));
    }
}
