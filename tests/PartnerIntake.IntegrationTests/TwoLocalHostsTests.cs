using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// Two local hosts on one storage account, as two instances would be: they share the queue without routing an inquiry
/// twice, and each timer occurrence runs on one of them only. Their own Azurite, timers every 3 seconds.
/// </summary>
[Collection(Name)]
public sealed partial class TwoLocalHostsTests : IAsyncLifetime
{
    /// <summary>Four processes and timing-sensitive assertions: run alone, not next to the other collections.</summary>
    public const string Name = "two local hosts, alone";

    private static readonly Dictionary<string, string> FastTimers = new()
    {
        ["ESCALATE_ASSIGNMENTS_SCHEDULE"] = "*/3 * * * * *",
        ["SEND_RECOGNITIONS_SCHEDULE"] = "0 0 0 1 1 *",
    };

    private Azurite azurite = null!;
    private AppProcess first = null!;
    private AppProcess second = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        first = await AppProcess.StartAsync(azurite.ConnectionString, settings: FastTimers);
        second = await AppProcess.StartAsync(azurite.ConnectionString, settings: FastTimers);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task TwoHosts_OneQueueAndOneTimer_EachInquiryRoutedOnceAndEachOccurrenceRunOnce()
    {
        var storage = new StorageProbe(azurite.ConnectionString);
        var references = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            references.Add(await (i % 2 == 0 ? first : second).SubmitValidAsync(
                Inquiries.With(n => n["organization"]!["name"] = $"Two hosts museum {i}")));
        }

        await Eventually.HoldsAsync(async () =>
        {
            foreach (var reference in references)
            {
                if (await storage.CountAssignmentsAsync(reference) != 1)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(30), "every inquiry routed");
        var runsBefore = RunsSoFar();
        await Task.Delay(TimeSpan.FromSeconds(12)); // four occurrences of the 3-second timer
        var runs = RunsSoFar() - runsBefore;

        foreach (var reference in references)
        {
            (await storage.CountAssignmentsAsync(reference)).ShouldBe(1);
            (await storage.CountMailsAsync(reference)).ShouldBe(3);
            (first.OutboxFiles(reference).Length + second.OutboxFiles(reference).Length).ShouldBe(3, reference);
        }

        runs.ShouldBeInRange(3, 5); // one run per occurrence (4 ± 1 at the window's edges), not one per host and occurrence
    }

    private int RunsSoFar() => Runs().Matches(first.Output).Count + Runs().Matches(second.Output).Count;

    /// <summary>
    /// Routing that outlives the message's lease (4 s here; SendGrid answers after 9 s): the local host renews the lease,
    /// so the other host never receives the message while it is being processed.
    /// </summary>
    [Fact]
    public async Task TwoHosts_ProcessingOutlivesTheLease_LeaseRenewedAndNotHandedToTheOtherHost()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            sendGrid.Then(202, delay: TimeSpan.FromSeconds(9));
        }

        var slow = new Dictionary<string, string>(FastTimers)
        {
            ["SendGrid__ApiKey"] = "SG.lease-test",
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["LocalHost__QueueLeaseSeconds"] = "4",
        };
        // An Azurite of its own: the class's two hosts (local outbox, no SendGrid) must not take this message.
        await using var own = await Azurite.StartAsync();
        await using var one = await AppProcess.StartAsync(own.ConnectionString, settings: slow);
        await using var two = await AppProcess.StartAsync(own.ConnectionString, settings: slow);

        var reference = await one.SubmitValidAsync(Inquiries.With(n => n["organization"]!["name"] = "Slow mail museum"));

        await Eventually.HoldsAsync(() => Task.FromResult(sendGrid.Requests.Count >= 3), TimeSpan.FromSeconds(60), "three mails posted");
        await Eventually.HoldsAsync(async () => (await one.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        await Task.Delay(TimeSpan.FromSeconds(12)); // past the slow answers, and time for a wrongly released message to come back
        var output = one.Output + two.Output;
        output.ShouldNotContain("(dequeue 2)");
        output.ShouldNotContain("was routed before");
        sendGrid.Requests.Count.ShouldBe(3);
    }

    [GeneratedRegex("EscalateAssignments running")]
    private static partial Regex Runs();
}

[CollectionDefinition(TwoLocalHostsTests.Name, DisableParallelization = true)]
public sealed class TwoLocalHostsCollection;
