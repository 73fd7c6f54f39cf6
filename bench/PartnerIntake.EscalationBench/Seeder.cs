using System.Text.Json;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.EscalationBench;

public sealed record Seeded(IReadOnlySet<string> DueReferences, TimeSpan Took, DateTimeOffset SeededAt);

/// <summary>
/// Open (pending) assignments as routing leaves them, written through the app's own stores: the inquiry row
/// (<see cref="IInquiryStore.InsertAsync"/>), assignment 1 (<see cref="IAssignmentStore.CreateOnceAsync"/>) and its
/// two due rows, a reminder and an escalation (<see cref="IDueActions.ScheduleAsync"/>). Due times are given
/// explicitly: for <c>due</c> of them the reminder falls within the next hour, for the others a day or more later;
/// every escalation is 3 days away or more. The benchmark then moves the app's clock 2 hours forward, so exactly
/// <c>due</c> reminders and nothing else are due.
/// </summary>
public static class Seeder
{
    public static readonly TimeSpan ClockAdvance = TimeSpan.FromHours(2);

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

    public static async Task<Seeded> SeedAsync(AppServices app, int open, int due, int concurrency, CancellationToken cancellationToken)
    {
        if (due > open || due < 1)
        {
            throw new ArgumentException($"Need 1 ≤ due ≤ open (open {open}, due {due}).");
        }

        var submission = Submission();
        using (var json = JsonDocument.Parse(JsonSerializer.Serialize(submission, Json.Options)))
        {
            var validated = InquiryValidator.Validate(json.RootElement);
            if (!validated.IsValid)
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
        var now = app.Clock.GetUtcNow();
        var stride = open / due; // every stride-th assignment is due: spread over the whole key range
        var dueReferences = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        var took = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, open), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var reference = InquiryReference.New();
                var isDue = i % stride == 0 && i / stride < due;
                var createdAt = now - TimeSpan.FromDays(2) + TimeSpan.FromSeconds(i % 3600);
                var reminderAt = isDue
                    ? now + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(i % 3000) // within the next hour
                    : now + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(i % (3 * 24 * 60)); // 1–4 days away
                var escalationAt = reminderAt + TimeSpan.FromDays(3);

                await inquiries.InsertAsync(new Inquiry(reference, submission, InquiryStatus.Routed, createdAt), ct);
                var assignment = await assignments.CreateOnceAsync(new InquiryAssignment(reference, 1, decision.Primary, entity.Contact,
                    entity.AckSlaDays, AssignmentState.Pending, createdAt, decision)
                {
                    ReminderDueAt = reminderAt,
                    EscalationDueAt = escalationAt,
                }, ct);
                await dueActions.ScheduleAsync(new DueAction(reminderAt, reference, assignment.Sequence, DueKind.Reminder), ct);
                await dueActions.ScheduleAsync(new DueAction(escalationAt, reference, assignment.Sequence, DueKind.Escalation), ct);
                if (isDue)
                {
                    dueReferences[reference] = true;
                }
            });
        took.Stop();
        if (dueReferences.Count != due)
        {
            throw new InvalidOperationException($"Seeded {dueReferences.Count} due assignments, not {due}.");
        }

        return new Seeded(dueReferences.Keys.ToHashSet(StringComparer.Ordinal), took.Elapsed, now);
    }
}
