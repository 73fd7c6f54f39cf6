using System.Xml.Linq;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class DashboardAggregatorTests
{
    // The fake clock's default: Saturday 2026-11-21 09:00 UTC, in ISO week 2026-W47.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly RoutingTables Tables = Builders.SeedTables();

    [Fact]
    public void Aggregate_Always_TwelveIsoWeeksEndingThisWeek()
    {
        var stats = CreateSut().Aggregate(Facts(), Tables);

        stats.InquiriesPerWeek.Count.ShouldBe(12);
        stats.InquiriesPerWeek[0].Week.ShouldBe("2026-W36");
        stats.InquiriesPerWeek[0].Start.ShouldBe(new DateOnly(2026, 8, 31));
        stats.InquiriesPerWeek[^1].Week.ShouldBe("2026-W47");
        stats.From.ShouldBe(new DateOnly(2026, 8, 31));
        stats.To.ShouldBe(new DateOnly(2026, 11, 21));
        stats.EscalationsPerWeek.Select(w => w.Week).ShouldBe(stats.InquiriesPerWeek.Select(w => w.Week));
        stats.NoticesSentPerWeek.Count.ShouldBe(12);
    }

    [Fact]
    public void PeriodStart_Always_MondayMidnightOfTheOldestWeek()
    {
        CreateSut().PeriodStart().ShouldBe(new DateTimeOffset(2026, 8, 31, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Aggregate_Inquiries_CountedPerWeekByStatusWithZeros()
    {
        var facts = Facts(
            Inquiry("a", InquiryStatus.Routed, Now.AddHours(-1)),
            Inquiry("b", InquiryStatus.Accepted, Now.AddDays(-5)), // Monday of W47
            Inquiry("c", InquiryStatus.Failed, Now.AddDays(-6)), // Sunday: W46
            Inquiry("d", InquiryStatus.Received, new DateTimeOffset(2026, 8, 31, 0, 0, 0, TimeSpan.Zero)),
            Inquiry("old", InquiryStatus.Routed, new DateTimeOffset(2026, 8, 30, 23, 59, 59, TimeSpan.Zero)));

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.Statuses.ShouldBe(["received", "routed", "accepted", "failed", "closed"]);
        var last = stats.InquiriesPerWeek[^1].ByStatus;
        last["routed"].ShouldBe(1);
        last["accepted"].ShouldBe(1);
        last["received"].ShouldBe(0);
        last["failed"].ShouldBe(0);
        stats.InquiriesPerWeek[^2].ByStatus["failed"].ShouldBe(1);
        stats.InquiriesPerWeek[0].ByStatus["received"].ShouldBe(1);
        stats.Inquiries.ShouldBe(4);
    }

    [Fact]
    public void Aggregate_UnknownStatus_AppendedAfterTheKnownOnes()
    {
        var stats = CreateSut().Aggregate(Facts(Inquiry("a", "archived", Now.AddDays(-1))), Tables);

        stats.Statuses.ShouldBe(["received", "routed", "accepted", "failed", "closed", "archived"]);
        stats.InquiriesPerWeek[^1].ByStatus["archived"].ShouldBe(1);
    }

    [Fact]
    public void Aggregate_Countries_CountedByTheirRegionalFoundationTeam()
    {
        var facts = Facts(
            Inquiry("a", country: "PL"),
            Inquiry("b", country: "CZ"),
            Inquiry("c", country: "FR"),
            Inquiry("d", country: "XX"));

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.ByRegion.ShouldContain(new LabelledCount("wmf-region-cee", "Central & Eastern Europe & Central Asia", 2));
        stats.ByRegion[0].Key.ShouldBe("wmf-region-cee");
        stats.ByRegion.ShouldContain(new LabelledCount("wmf-region-nwe", "Northern & Western Europe", 1));
        stats.ByRegion.ShouldContain(new LabelledCount(ConsoleRegions.Unknown, "Unknown", 1));
    }

    [Fact]
    public void Aggregate_SeveralTopics_EachCountedOnce()
    {
        var facts = Facts(
            Inquiry("a", topics: ["education", "data", "education"]),
            Inquiry("b", topics: ["data"]));

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.ByTopic.ShouldBe([new LabelledCount("data", "data", 2), new LabelledCount("education", "education", 1)]);
    }

    [Fact]
    public void Aggregate_TopicLabels_LabelsShownCodesKept()
    {
        var facts = Facts(Inquiry("a", topics: ["content-donation"]));

        var stats = CreateSut().Aggregate(facts, Tables, code => code == "content-donation" ? "Share content" : code);

        stats.ByTopic.ShouldBe([new LabelledCount("content-donation", "Share content", 1)]);
    }

    [Fact]
    public void Aggregate_AssigneeKinds_EveryKindListedInOrderWithUnassigned()
    {
        var facts = Facts(
            Inquiry("a", kind: EntityKind.Chapter),
            Inquiry("b", kind: EntityKind.Chapter),
            Inquiry("c", kind: EntityKind.UserGroup),
            Inquiry("d", kind: null));

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.ByEntityKind.Select(k => (k.Key, k.Count)).ShouldBe(
        [
            ("chapter", 2), ("thematic-organization", 0), ("user-group", 1), ("hub", 0), ("foundation-team", 0), ("unassigned", 1),
        ]);
        stats.ByEntityKind[1].Label.ShouldBe("Thematic organisation");
    }

    [Fact]
    public void Aggregate_AcceptedInquiries_MedianTimeToAcceptancePerKind()
    {
        var received = Now.AddDays(-20);
        var facts = Facts(
            Inquiry("a", kind: EntityKind.Chapter, received: received, acceptedAt: received.AddHours(10)),
            Inquiry("b", kind: EntityKind.Chapter, received: received, acceptedAt: received.AddHours(20)),
            Inquiry("c", kind: EntityKind.Chapter, received: received, acceptedAt: received.AddHours(90)),
            Inquiry("d", kind: EntityKind.Hub, received: received, acceptedAt: received.AddHours(4)),
            Inquiry("e", kind: EntityKind.Hub, received: received, acceptedAt: received.AddHours(6)),
            // Received before the period but accepted in it: its time counts.
            Inquiry("f", kind: EntityKind.UserGroup, received: Now.AddDays(-100), acceptedAt: Now.AddDays(-1)));

        var stats = CreateSut().Aggregate(facts, Tables);

        Median(stats, EntityKind.Chapter).ShouldBe((3, TimeSpan.FromHours(20)));
        Median(stats, EntityKind.Hub).ShouldBe((2, TimeSpan.FromHours(5)));
        Median(stats, EntityKind.UserGroup).ShouldBe((1, TimeSpan.FromDays(99)));
        Median(stats, EntityKind.FoundationTeam).ShouldBe((0, (TimeSpan?)null));
        stats.ByEntityKind.Single(k => k.Key == EntityKind.UserGroup).Count.ShouldBe(0); // received outside the period
    }

    [Fact]
    public void Aggregate_Escalations_CountedInTotalAndPerWeek()
    {
        var facts = Facts() with
        {
            Escalations =
            [
                new EscalationFact("a", 1, EntityKind.Chapter, Now.AddDays(-1)),
                new EscalationFact("b", 1, EntityKind.Chapter, Now.AddDays(-2)),
                new EscalationFact("c", 2, EntityKind.Hub, Now.AddDays(-14)),
                new EscalationFact("d", 1, EntityKind.Hub, Now.AddDays(-200)),
            ],
        };

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.Escalations.ShouldBe(3);
        stats.EscalationsPerWeek[^1].Count.ShouldBe(2);
        stats.EscalationsPerWeek[^3].Count.ShouldBe(1);
    }

    [Fact]
    public void Aggregate_NoticesSent_CountedPerWeek()
    {
        var facts = Facts() with { NoticesSent = [Now.AddMinutes(-5), Now.AddDays(-7), Now.AddDays(-7.1), Now.AddDays(1)] };

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.NoticesSentPerWeek[^1].Count.ShouldBe(1);
        stats.NoticesSentPerWeek[^2].Count.ShouldBe(2);
        stats.NoticesSentPerWeek.Sum(w => w.Count).ShouldBe(3);
    }

    [Fact]
    public void Aggregate_PoisonQueuesAndTruncation_PassedThrough()
    {
        var facts = Facts() with { PoisonQueues = [new QueueCount("inquiries-poison", 3)], Truncated = true };

        var stats = CreateSut().Aggregate(facts, Tables);

        stats.PoisonQueues.ShouldBe([new QueueCount("inquiries-poison", 3)]);
        stats.Truncated.ShouldBeTrue();
    }

    [Fact]
    public void Median_EvenCount_AverageOfTheMiddleTwo()
    {
        DashboardAggregator.Median([TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(2), TimeSpan.FromHours(3)])
            .ShouldBe(TimeSpan.FromHours(2.5));
        DashboardAggregator.Median([]).ShouldBeNull();
    }

    [Fact]
    public void IsoWeeks_YearBoundary_LabelledByIsoYear()
    {
        IsoWeeks.Label(IsoWeeks.StartOf(new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero))).ShouldBe("2026-W53");
        IsoWeeks.Label(IsoWeeks.StartOf(new DateTimeOffset(2025, 12, 29, 0, 0, 0, TimeSpan.Zero))).ShouldBe("2026-W01");
    }

    [Fact]
    public void DashboardCharts_Statistics_EveryChartIsWellFormedSvg()
    {
        var received = Now.AddDays(-3);
        var stats = CreateSut().Aggregate(Facts(
            Inquiry("a", InquiryStatus.Accepted, received, kind: EntityKind.Chapter, acceptedAt: received.AddDays(1)),
            Inquiry("b", InquiryStatus.Routed, received, country: "FR")), Tables);

        string[] charts =
        [
            DashboardCharts.InquiriesPerWeek(stats), DashboardCharts.ByRegion(stats), DashboardCharts.ByTopic(stats),
            DashboardCharts.ByEntityKind(stats), DashboardCharts.TimeToAcceptance(stats), DashboardCharts.EscalationsPerWeek(stats),
            DashboardCharts.NoticesSentPerWeek(stats),
        ];

        charts.Select(c => (string?)XDocument.Parse(c).Root!.Element(SvgChart.Svg + "title")!.Attribute("id")).Distinct().Count().ShouldBe(charts.Length);
        DashboardCharts.TimeToAcceptance(stats).ShouldContain("1.0 d");
    }

    private static DashboardAggregator CreateSut() => new(new FakeTimeProvider(Now));

    private static (int, TimeSpan?) Median(DashboardStatistics stats, string kind)
    {
        var k = stats.TimeToAcceptance.Single(d => d.Kind == kind);
        return (k.Accepted, k.Median);
    }

    private static DashboardFacts Facts(params InquiryFact[] inquiries) => new(inquiries, [], [], []);

    private static InquiryFact Inquiry(
        string reference,
        string status = InquiryStatus.Routed,
        DateTimeOffset? received = null,
        string country = "PL",
        string[]? topics = null,
        string? kind = EntityKind.Chapter,
        DateTimeOffset? acceptedAt = null) =>
        new(reference, status, received ?? Now.AddDays(-1), country, topics ?? ["content-donation"], kind is null ? null : "entity-" + reference, kind, acceptedAt);
}
