using System.Text.Json;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.EscalationBench;

/// <summary>The references whose reminder falls due in each wave, how many due-day partitions of DueActions the reminders fill, and how long seeding took.</summary>
public sealed record Seeded(IReadOnlyList<IReadOnlySet<string>> DueByWave, int DueDays, TimeSpan Took);

/// <summary>
/// Open (pending) assignments as routing leaves them, written through the app's own stores: the inquiry row
/// (<see cref="IInquiryStore.InsertAsync"/>), assignment 1 (<see cref="IAssignmentStore.CreateOnceAsync"/>, a row of the
/// inquiry's partition) and its one due row, the reminder (<see cref="AssignmentLifecycle.FirstDeadline"/> through
/// <see cref="IDueActions.ScheduleAsync"/>; the reminder schedules the escalation when it runs), <c>concurrency</c>
/// assignments in flight. Due times are explicit. Wave k (k = 0 … waves−1) is <c>due</c> assignments whose reminder falls
/// k days plus 1–51 minutes after seeding; every other reminder falls <c>waves</c> to <c>waves</c>+3 days after it, and
/// every escalation 3 days (at least <c>waves</c>+1 days) after its reminder. Moving the app's clock 2 hours forward, then a day for each further
/// wave, makes exactly <c>due</c> reminders and nothing else due each time, among all <c>open</c> assignments (a reminded
/// assignment stays pending, so open).
/// </summary>
public static class Seeder
{
    public static readonly TimeSpan FirstAdvance = TimeSpan.FromHours(2);

    public static readonly TimeSpan WaveAdvance = TimeSpan.FromDays(1);

    /// <summary>Storage requests per seeded assignment: inquiry insert, assignment insert, due row upsert.</summary>
    public const int RequestsPerAssignment = 3;

    /// <summary>A fixed valid submission (the unit tests' default, tests/PartnerIntake.UnitTests/Support/Builders.cs).</summary>
    public static InquirySubmission Submission() => new(
        new OrganizationInfo("Muzeum Narodowe w Warszawie", "museum", "https://mnw.art.pl", "PL", null),
        new ContactInfo("Anna Nowak", "anna@example.org", "Digital curator", "pl"),
        ["content-donation"],
        "national",
        "informal",
        ["pl"],
        "We would like to release 5,000 scans of 19th-century paintings.",
        true);

    public static async Task<Seeded> SeedAsync(AppServices app, int open, int due, int waves, int concurrency, CancellationToken cancellationToken)
    {
        if (due < 1 || waves < 1 || due * waves > open)
        {
            throw new ArgumentException($"Need due ≥ 1, waves ≥ 1 and due × waves ≤ open (open {open}, due {due}, waves {waves}).");
        }

        var submission = Submission();
        using (var json = JsonDocument.Parse(JsonSerializer.Serialize(submission, Json.Options)))
        {
            if (!InquiryValidator.Validate(json.RootElement).IsValid)
            {
                throw new InvalidOperationException("The benchmark's submission does not validate.");
            }
        }

        var tables = RoutingTablesCsv.Seed().Parse();
        var decision = Router.Route(submission, tables);
        var entity = tables.Entity(decision.Primary.Id) ?? throw new InvalidOperationException("Routed to an unknown entity.");
        var inquiries = app.Get<IInquiryStore>();
        var assignments = app.Get<IAssignmentStore>();
        var dueActions = app.Get<IDueActions>();
        var lifecycle = app.Get<AssignmentLifecycle>();
        var now = app.Clock.GetUtcNow();
        var escalationAfter = TimeSpan.FromDays(Math.Max(3, waves + 1));

        // Every stride-th assignment belongs to a wave, so the due ones are spread over the whole set; which wave
        // rotates, so each wave is spread too.
        var stride = open / (due * waves);
        var byWave = Enumerable.Range(0, waves).Select(_ => new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal)).ToList();

        var days = new System.Collections.Concurrent.ConcurrentDictionary<DateOnly, bool>();
        var took = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, open), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var reference = InquiryReference.New();
                var slot = i % stride == 0 && i / stride < due * waves ? i / stride : -1;
                var wave = slot < 0 ? -1 : slot % waves;
                var createdAt = now - TimeSpan.FromDays(2) + TimeSpan.FromSeconds(i % 3600);
                var reminderAt = wave >= 0
                    ? now + TimeSpan.FromDays(wave) + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(i % 3000)
                    : now + TimeSpan.FromDays(waves) + TimeSpan.FromMinutes(i % (3 * 24 * 60));
                var escalationAt = reminderAt + escalationAfter;
                days[DateOnly.FromDateTime(reminderAt.UtcDateTime)] = true; // DueActions' partition: the due day (UTC)

                await inquiries.InsertAsync(new Inquiry(reference, submission, InquiryStatus.Routed, createdAt), ct);
                var assignment = await assignments.CreateOnceAsync(new InquiryAssignment(reference, 1, decision.Primary, entity.Contact,
                    entity.AckSlaDays, AssignmentState.Pending, createdAt, decision)
                {
                    ReminderDueAt = reminderAt,
                    EscalationDueAt = escalationAt,
                }, ct);
                await dueActions.ScheduleAsync(lifecycle.FirstDeadline(assignment), ct); // the reminder, at reminderAt
                if (wave >= 0)
                {
                    byWave[wave][reference] = true;
                }
            });
        took.Stop();
        if (byWave.Any(w => w.Count != due))
        {
            throw new InvalidOperationException($"Seeded waves of {string.Join('/', byWave.Select(w => w.Count))} due assignments, not {due} each.");
        }

        return new Seeded(byWave.Select(w => (IReadOnlySet<string>)w.Keys.ToHashSet(StringComparer.Ordinal)).ToList(), days.Count, took.Elapsed);
    }
}
