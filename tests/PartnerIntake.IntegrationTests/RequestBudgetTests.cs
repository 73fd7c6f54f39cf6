using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// The storage request budget of one routed inquiry, pinned: from the submit to its three e-mails sent and settled
/// and the queue message deleted, counted by the app's own pipeline policy (<c>GET /admin/storage/requests</c>),
/// empty queue polls excluded. A change that adds a request makes this test fail; docs/storage.md explains each one.
/// </summary>
[Collection(BudgetCollection.Name)]
public sealed class RequestBudgetTests(BudgetAppFixture fixture, ITestOutputHelper output)
{
    /// <summary>The budget the design sets: at most 14 requests per routed inquiry (10, plus the two abuse limits, the personal-data index and the retention entry).</summary>
    public const int Budget = 14;

    private static readonly Dictionary<string, long> Expected = new(StringComparer.Ordinal)
    {
        ["PATCH SubmissionWindows"] = 1,   // submit: the client's count in this window (ETag; the window's first inserts)
        ["POST PersonalDataIndex"] = 1,    // submit: where the contact's inquiries are (erasure and export)
        ["POST Inquiries"] = 1,            // submit: the inquiry row
        ["PUT RetentionDue"] = 1,          // submit: when its personal data falls due, in its due day's partition
        ["POST queue inquiries"] = 1,      // submit: the message
        ["GET queue inquiries"] = 1,       // routing: the receive that got it
        ["GET Inquiries"] = 1,             // routing: the inquiry's partition
        ["GET InquiryIndex"] = 1,          // duplicates: earlier inquiries of the country sharing a key
        ["POST InquiryIndex"] = 1,         // duplicates: this inquiry's keys
        ["PUT DueActions"] = 1,            // the first reminder, in its due day's partition
        ["POST AcknowledgementCounts"] = 1, // the address's first acknowledgement today
        ["POST $batch"] = 2,               // the routing commit; the three mails settled
        ["DELETE queue inquiries"] = 1,    // the message done
    };

    [Fact]
    public async Task SubmitAndRoute_OneInquiryWithThreeMails_CostsExactlyTheBudgetedRequests()
    {
        // The first inquiry loads the routing tables into memory (re-read every Routing:RefreshSeconds, not per inquiry).
        await SubmitAndWaitAsync(Inquiries.With(i => i["organization"]!["name"] = "Warm-up Museum"));

        for (var attempt = 1; ; attempt++)
        {
            var before = await QuietCountsAsync(); // the warm-up's message is deleted after its mails: wait for it
            // A partner's first inquiry today: a contact address not acknowledged yet.
            await SubmitAndWaitAsync(Inquiries.With(i => i["contact"]!["email"] = $"budget-{Guid.NewGuid():N}@example.org"));
            var delta = await SettledDeltaAsync(before);
            if ((delta.Keys.Any(k => k.Contains("TimerStatus", StringComparison.Ordinal)) || delta.ContainsKey("POST SubmissionWindows")) && attempt < 3)
            {
                continue; // a timer ran meanwhile (its requests are not the inquiry's), or a new window began
            }

            var breakdown = Breakdown(delta);
            output.WriteLine(breakdown);
            delta.Values.Sum().ShouldBeLessThanOrEqualTo(Budget, breakdown);
            delta.ShouldBe(Expected, ignoreOrder: true, breakdown);
            return;
        }
    }

    [Fact]
    public async Task EscalateAssignments_OneReminderDue_CostsTheDocumentedRequests()
    {
        var reference = await SubmitAndWaitAsync(Inquiries.With(i => i["organization"]!["name"] = "Reminder Museum " + Guid.NewGuid().ToString("N")[..6]));
        var due = await ReminderDueAsync(reference);
        await fixture.App.AdvanceClockToAsync(due.AddMinutes(1));

        var delta = await MeasureAsync(() => fixture.App.RunFunctionAsync("EscalateAssignments"));

        File.Exists(Path.Combine(fixture.App.OutboxPath, $"{reference}.reminder.1.eml")).ShouldBeTrue();
        delta.ShouldBe(new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["GET DueActions"] = 2,        // the days before today, today up to now
            ["GET Inquiries"] = 2,         // the assignment, the inquiry
            ["PUT DueActions"] = 1,        // the escalation scheduled
            ["POST Inquiries"] = 2,        // the reminder's outbox record, its audit entry
            ["POST $batch"] = 1,           // the reminder settled
            ["PATCH Inquiries"] = 1,       // the assignment marked reminded (ETag)
            ["DELETE DueActions"] = 1,     // the reminder's due row done
            ["GET RoutingVersions"] = 1,   // the live tables' version (the entity's working language), at most once per refresh interval
        }, ignoreOrder: true, Breakdown(delta));
    }

    [Fact]
    public async Task SendRecognitions_OneNoticeDue_CostsTheDocumentedRequests()
    {
        var now = await fixture.App.NowAsync();
        var donation = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json")))!;
        donation["donatedOn"] = DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var recorded = await fixture.App.SendAdminAsync(HttpMethod.Post, "/api/donations",
            new StringContent(donation.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
            recorded.EnsureSuccessStatusCode();
        }

        await fixture.App.RunFunctionAsync("SendRecognitions"); // anything due before this donation's thank-you
        await fixture.App.AdvanceClockToAsync(now.AddMinutes(11));

        var delta = await MeasureAsync(() => fixture.App.RunFunctionAsync("SendRecognitions"));

        delta.ShouldBe(new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["GET Notices"] = 2,           // the checkpoint, then the due notices from its day to now
            ["GET Donations"] = 1,         // the donation
            ["POST MailOutbox"] = 1,       // the thank-you's outbox record, claimed
            ["POST $batch"] = 1,           // the thank-you settled
            ["PATCH Notices"] = 1,         // the notice marked sent (ETag)
            ["PUT Notices"] = 1,           // the checkpoint moved to today
        }, ignoreOrder: true, Breakdown(delta));
    }

    private async Task<Dictionary<string, long>> MeasureAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await CountsAsync();
            await action();
            var delta = Delta(before, await CountsAsync());
            if (!delta.Keys.Any(k => k.Contains("TimerStatus", StringComparison.Ordinal)) || attempt == 3)
            {
                output.WriteLine(Breakdown(delta));
                return delta;
            }
        }
    }

    private static string Breakdown(Dictionary<string, long> delta) =>
        $"{delta.Values.Sum()} requests: " + string.Join(", ", delta.Select(d => $"{d.Key}: {d.Value}"));

    private async Task<DateTimeOffset> ReminderDueAsync(string reference)
    {
        using var response = await fixture.App.SendAdminAsync(HttpMethod.Get, $"/api/inquiries/{reference}/trail");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignments")[0].GetProperty("reminderDueAt").GetDateTimeOffset();
    }

    private async Task<string> SubmitAndWaitAsync(string json)
    {
        var reference = await fixture.App.SubmitValidAsync(json);
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.App.OutboxFiles(reference).Length == 3), TimeSpan.FromSeconds(15),
            "assignment, collaborator and acknowledgement written");
        return reference;
    }

    /// <summary>Waits until the message is deleted and nothing more happens for a moment, then the counts since <paramref name="before"/>.</summary>
    private async Task<Dictionary<string, long>> SettledDeltaAsync(IReadOnlyDictionary<string, long> before)
    {
        Dictionary<string, long> delta = [];
        await Eventually.HoldsAsync(async () =>
        {
            var previous = delta;
            await Task.Delay(300);
            delta = Delta(before, await CountsAsync());
            return delta.GetValueOrDefault("DELETE queue inquiries") >= 1 && delta.SequenceEqual(previous);
        }, TimeSpan.FromSeconds(15), "the message deleted and the counts still");
        return delta;
    }

    /// <summary>The counts once they have not moved for a second (nothing of an earlier inquiry still in flight).</summary>
    private async Task<IReadOnlyDictionary<string, long>> QuietCountsAsync()
    {
        var counts = await CountsAsync();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(500);
            var again = await CountsAsync();
            if (Delta(counts, again).Count == 0)
            {
                return again;
            }

            counts = again;
        }

        return counts;
    }

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(a => a.Key != "empty queue poll")
            .Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(a => a.Count > 0)
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => a.Count, StringComparer.Ordinal);

    private async Task<IReadOnlyDictionary<string, long>> CountsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/storage/requests");
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        using var response = await fixture.App.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["byKind"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
    }
}
