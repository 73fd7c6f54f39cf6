using System.Globalization;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Console;

/// <summary>An inquiry as the dashboard sees it: its columns only, no document and no personal data.</summary>
public sealed record InquiryFact(
    string Reference,
    string Status,
    DateTimeOffset ReceivedAt,
    string Country,
    IReadOnlyList<string> Topics,
    string? AssigneeId,
    string? AssigneeKind,
    DateTimeOffset? AcceptedAt);

/// <summary>An assignment handed on because its SLA passed (state <c>escalated</c>).</summary>
public sealed record EscalationFact(string Reference, int Sequence, string AssigneeKind, DateTimeOffset At);

/// <summary>What storage holds for the dashboard period: read by <see cref="IDashboardSource"/>, aggregated by <see cref="DashboardAggregator"/>.</summary>
public sealed record DashboardFacts(
    IReadOnlyList<InquiryFact> Inquiries,
    IReadOnlyList<EscalationFact> Escalations,
    IReadOnlyList<DateTimeOffset> NoticesSent,
    IReadOnlyList<QueueCount> PoisonQueues)
{
    /// <summary>True when a scan stopped at its row limit: the figures then cover only part of the period.</summary>
    public bool Truncated { get; init; }
}

/// <summary>
/// The storage reads behind the dashboard. These are admin-only scans with server-side filters (the tables are keyed for
/// the app's hot paths, not for reporting), bounded by <see cref="MaxRows"/> per table.
/// </summary>
public interface IDashboardSource
{
    public const int MaxRows = 50_000;

    /// <summary>Inquiries received or accepted since <paramref name="since"/>, escalations and sent notices since then, and the poison queues' lengths.</summary>
    Task<DashboardFacts> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

public sealed record QueueCount(string Queue, int Messages);

public sealed record WeeklyCount(string Week, DateOnly Start, int Count);

/// <summary>One ISO week's inquiries by status (every status in <see cref="DashboardStatistics.Statuses"/>, zeros included).</summary>
public sealed record StatusWeek(string Week, DateOnly Start, IReadOnlyDictionary<string, int> ByStatus)
{
    public int Total => ByStatus.Values.Sum();
}

public sealed record LabelledCount(string Key, string Label, int Count);

/// <summary>Median time from receipt to acceptance of the inquiries accepted by entities of one kind.</summary>
public sealed record KindDuration(string Kind, string Label, int Accepted, TimeSpan? Median);

/// <summary>Everything the dashboard shows. Counts by region, topic and kind cover inquiries received in the period.</summary>
public sealed record DashboardStatistics(
    DateTimeOffset GeneratedAt,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<StatusWeek> InquiriesPerWeek,
    IReadOnlyList<LabelledCount> ByRegion,
    IReadOnlyList<LabelledCount> ByTopic,
    IReadOnlyList<LabelledCount> ByEntityKind,
    IReadOnlyList<KindDuration> TimeToAcceptance,
    int Escalations,
    IReadOnlyList<WeeklyCount> EscalationsPerWeek,
    IReadOnlyList<WeeklyCount> NoticesSentPerWeek,
    IReadOnlyList<QueueCount> PoisonQueues,
    bool Truncated)
{
    public int Inquiries => InquiriesPerWeek.Sum(w => w.Total);
}

/// <summary>Display names of the entity kinds, in the order the console lists them.</summary>
public static class EntityKindLabels
{
    public const string Unassigned = "unassigned";

    public static readonly IReadOnlyList<string> Order =
    [
        EntityKind.Chapter, EntityKind.ThematicOrganization, EntityKind.UserGroup, EntityKind.Hub, EntityKind.FoundationTeam,
    ];

    public static string Of(string kind) => kind switch
    {
        EntityKind.Chapter => "Chapter",
        EntityKind.ThematicOrganization => "Thematic organisation",
        EntityKind.UserGroup => "User group",
        EntityKind.Hub => "Hub",
        EntityKind.FoundationTeam => "Foundation team",
        Unassigned => "Not yet assigned",
        _ => kind,
    };
}

/// <summary>
/// The movement's regions as the routing tables draw them: a country belongs to the region of the regional Foundation
/// partnerships team that its row in regions.csv ends with (every country has one).
/// </summary>
public static class ConsoleRegions
{
    public const string Unknown = "unknown";
    private const string NamePrefix = "Wikimedia Foundation Partnerships – ";

    public static (string Id, string Name) Of(RoutingTables tables, string country)
    {
        var route = tables.Region(country);
        var team = route?.EntityIds.Select(tables.Entity).LastOrDefault(e => e?.Kind == EntityKind.FoundationTeam);
        return team is null
            ? (Unknown, "Unknown")
            : (team.Id, team.Name.StartsWith(NamePrefix, StringComparison.Ordinal) ? team.Name[NamePrefix.Length..] : team.Name);
    }
}

/// <summary>ISO 8601 weeks (Monday first, UTC), labelled like 2026-W47.</summary>
public static class IsoWeeks
{
    public static DateOnly StartOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    public static string Label(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }

    /// <summary>The <paramref name="count"/> weeks ending with the one holding <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Last(int count, DateTimeOffset now)
    {
        var current = StartOf(now);
        return Enumerable.Range(0, count).Select(i => current.AddDays(-7 * (count - 1 - i))).ToList();
    }
}

/// <summary>
/// Turns <see cref="DashboardFacts"/> into <see cref="DashboardStatistics"/> for the last <see cref="Weeks"/> ISO weeks up to
/// now. Pure apart from the clock: no storage, so it is tested with rows in memory.
/// </summary>
public sealed class DashboardAggregator(TimeProvider time)
{
    public const int Weeks = 12;

    /// <summary>Statuses in the order of an inquiry's life; any other status found is appended.</summary>
    public static readonly IReadOnlyList<string> StatusOrder =
        [InquiryStatus.Received, InquiryStatus.Routed, InquiryStatus.Accepted, InquiryStatus.Failed, InquiryStatus.Closed];

    /// <summary>The first instant the dashboard covers (Monday 00:00 UTC of the oldest week): what the source must read from.</summary>
    public DateTimeOffset PeriodStart() =>
        new(IsoWeeks.Last(Weeks, time.GetUtcNow())[0].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <param name="topicLabel">The form's label of a topic code (the console shows labels, not codes); the code when null.</param>
    public DashboardStatistics Aggregate(DashboardFacts facts, RoutingTables tables, Func<string, string>? topicLabel = null)
    {
        var now = time.GetUtcNow();
        var weeks = IsoWeeks.Last(Weeks, now);
        var from = weeks[0];
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        bool InPeriod(DateTimeOffset at) => at >= start && at <= now;
        int WeekIndex(DateTimeOffset at) => (IsoWeeks.StartOf(at).DayNumber - from.DayNumber) / 7;

        var received = facts.Inquiries.Where(i => InPeriod(i.ReceivedAt)).ToList();
        var statuses = StatusOrder.Concat(received.Select(i => i.Status).Where(s => !StatusOrder.Contains(s)).Distinct().Order(StringComparer.Ordinal)).ToList();
        var perWeek = weeks.Select(w => statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal)).ToList();
        foreach (var inquiry in received)
        {
            perWeek[WeekIndex(inquiry.ReceivedAt)][inquiry.Status]++;
        }

        var byRegion = received
            .Select(i => ConsoleRegions.Of(tables, i.Country))
            .GroupBy(r => r)
            .Select(g => new LabelledCount(g.Key.Id, g.Key.Name, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)
            .ToList();
        var byTopic = received
            .SelectMany(i => i.Topics.Distinct(StringComparer.Ordinal))
            .GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => new LabelledCount(g.Key, topicLabel?.Invoke(g.Key) ?? g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var kinds = EntityKindLabels.Order.Append(EntityKindLabels.Unassigned).ToList();
        var byKind = kinds
            .Select(k => new LabelledCount(k, EntityKindLabels.Of(k), received.Count(i => (i.AssigneeKind ?? EntityKindLabels.Unassigned) == k)))
            .Concat(received.Select(i => i.AssigneeKind).OfType<string>().Where(k => !kinds.Contains(k)).Distinct().Order(StringComparer.Ordinal)
                .Select(k => new LabelledCount(k, k, received.Count(i => i.AssigneeKind == k))))
            .ToList();

        var accepted = facts.Inquiries
            .Where(i => i.AcceptedAt is { } at && InPeriod(at) && at >= i.ReceivedAt && i.AssigneeKind is not null)
            .ToList();
        var timeToAcceptance = EntityKindLabels.Order
            .Concat(accepted.Select(i => i.AssigneeKind!).Where(k => !EntityKindLabels.Order.Contains(k)).Distinct().Order(StringComparer.Ordinal))
            .Select(k =>
            {
                var durations = accepted.Where(i => i.AssigneeKind == k).Select(i => i.AcceptedAt!.Value - i.ReceivedAt).ToList();
                return new KindDuration(k, EntityKindLabels.Of(k), durations.Count, Median(durations));
            })
            .ToList();

        var escalations = facts.Escalations.Where(e => InPeriod(e.At)).ToList();
        return new DashboardStatistics(
            now,
            from,
            DateOnly.FromDateTime(now.UtcDateTime),
            statuses,
            weeks.Select((w, i) => new StatusWeek(IsoWeeks.Label(w), w, perWeek[i])).ToList(),
            byRegion,
            byTopic,
            byKind,
            timeToAcceptance,
            escalations.Count,
            PerWeek(weeks, escalations.Select(e => e.At).Select(WeekIndex)),
            PerWeek(weeks, facts.NoticesSent.Where(InPeriod).Select(WeekIndex)),
            facts.PoisonQueues,
            facts.Truncated);
    }

    public static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }

    private static List<WeeklyCount> PerWeek(IReadOnlyList<DateOnly> weeks, IEnumerable<int> indexes)
    {
        var counts = new int[weeks.Count];
        foreach (var i in indexes)
        {
            counts[i]++;
        }

        return weeks.Select((w, i) => new WeeklyCount(IsoWeeks.Label(w), w, counts[i])).ToList();
    }
}

/// <summary>Reads the facts for the period and aggregates them: what the dashboard page calls.</summary>
public sealed class DashboardQuery(IDashboardSource source, IRoutingTablesSource routing, DashboardAggregator aggregator)
{
    public async Task<DashboardStatistics> GetAsync(CancellationToken cancellationToken, Func<string, string>? topicLabel = null)
    {
        var facts = await source.ReadAsync(aggregator.PeriodStart(), cancellationToken);
        return aggregator.Aggregate(facts, await routing.GetLiveAsync(cancellationToken), topicLabel);
    }
}

/// <summary>The dashboard's charts as inline SVG (see <see cref="SvgChart"/>), ready to be written into a page unencoded.</summary>
public static class DashboardCharts
{
    public static string InquiriesPerWeek(DashboardStatistics s) => SvgChart.StackedBars(
        "Inquiries per week by status",
        $"Inquiries received in each ISO week from {s.From:yyyy-MM-dd} to {s.To:yyyy-MM-dd}, by their current status.",
        s.InquiriesPerWeek.Select(w => w.Week).ToList(),
        s.Statuses.Select(status => new ChartSeries(status, s.InquiriesPerWeek.Select(w => (double)w.ByStatus[status]).ToList())).ToList(),
        new ChartOptions { Id = "inquiries-per-week" });

    public static string ByRegion(DashboardStatistics s) => SvgChart.HorizontalBars(
        "Inquiries by region", "Inquiries received in the period, by the partner's region.",
        s.ByRegion.Select(c => new ChartPoint(c.Label, c.Count)).ToList(), new ChartOptions { Id = "by-region" });

    public static string ByTopic(DashboardStatistics s) => SvgChart.HorizontalBars(
        "Inquiries by topic", "Inquiries received in the period, by topic (an inquiry with several topics counts once for each).",
        s.ByTopic.Select(c => new ChartPoint(c.Label, c.Count)).ToList(), new ChartOptions { Id = "by-topic" });

    public static string ByEntityKind(DashboardStatistics s) => SvgChart.HorizontalBars(
        "Inquiries by kind of entity", "Inquiries received in the period, by the kind of entity they are assigned to now.",
        s.ByEntityKind.Select(c => new ChartPoint(c.Label, c.Count)).ToList(), new ChartOptions { Id = "by-entity-kind" });

    public static string TimeToAcceptance(DashboardStatistics s) => SvgChart.HorizontalBars(
        "Median time to acceptance", "Median days from receipt to acceptance of the inquiries accepted in the period, by kind of entity.",
        s.TimeToAcceptance.Where(k => k.Median is not null).Select(k => new ChartPoint($"{k.Label} ({k.Accepted})", k.Median!.Value.TotalDays)).ToList(),
        new ChartOptions { Id = "time-to-acceptance", FormatValue = v => v.ToString("0.0", CultureInfo.InvariantCulture) + " d" });

    public static string EscalationsPerWeek(DashboardStatistics s) => SvgChart.VerticalBars(
        "SLA escalations per week", "Assignments escalated because their acknowledgement SLA passed, per ISO week.",
        s.EscalationsPerWeek.Select(w => new ChartPoint(w.Week, w.Count)).ToList(), new ChartOptions { Id = "escalations-per-week" });

    public static string NoticesSentPerWeek(DashboardStatistics s) => SvgChart.VerticalBars(
        "Recognition notices sent per week", "Thank-you, attribution and impact notices sent, per ISO week.",
        s.NoticesSentPerWeek.Select(w => new ChartPoint(w.Week, w.Count)).ToList(), new ChartOptions { Id = "notices-per-week" });
}
