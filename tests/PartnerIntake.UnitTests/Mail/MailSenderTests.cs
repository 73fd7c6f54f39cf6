using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Telemetry;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Mail;

public class MailSenderTests
{
    private readonly InMemoryMailOutbox outbox = new();
    private readonly RecordingTransport transport = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ClaimDuration_ComparedWithTheLongestSendGridSend_OutlastsIt()
    {
        // Otherwise a claim could run out while its worker still waits on a rate limit, and another worker send too.
        MailSender.ClaimDuration.ShouldBeGreaterThan(SendGridResilience.MaxTotalTime);
        SendGridResilience.MaxTotalTime.ShouldBeLessThan(TimeSpan.FromMinutes(10)); // the functions' timeout
    }

    [Fact]
    public async Task SendOnce_SameOutboxIdTwice_SendsOnce()
    {
        var sut = CreateSut();

        (await sut.SendOnceAsync(Mail("a"), default)).ShouldBeTrue();
        (await sut.SendOnceAsync(Mail("a"), default)).ShouldBeFalse();

        transport.Sent.Count.ShouldBe(1);
        outbox.Records["a"].State.ShouldBe(OutboxState.Sent);
    }

    [Fact]
    public async Task SendOnce_Replay_SendsTheFirstStoredContent()
    {
        var sut = CreateSut();
        transport.FailuresLeft = 1;
        await Should.ThrowAsync<HttpRequestException>(() => sut.SendOnceAsync(Mail("a", subject: "first"), default));

        await sut.SendOnceAsync(Mail("a", subject: "second"), default);

        transport.Sent.Single().Subject.ShouldBe("first");
    }

    [Fact]
    public async Task SendOnce_TransportFails_ReleasesForTheNextAttempt()
    {
        var sut = CreateSut();
        transport.FailuresLeft = 1;

        await Should.ThrowAsync<HttpRequestException>(() => sut.SendOnceAsync(Mail("a"), default));

        outbox.Records["a"].State.ShouldBe(OutboxState.Pending);
        (await sut.SendOnceAsync(Mail("a"), default)).ShouldBeTrue();
        transport.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendOnce_ClaimedByAnotherWorker_ThrowsInFlightAndSendsNothing()
    {
        var sut = CreateSut();
        outbox.Seed(Mail("a"), OutboxState.Sending, time.GetUtcNow() + TimeSpan.FromMinutes(2));

        await Should.ThrowAsync<MailInFlightException>(() => sut.SendOnceAsync(Mail("a"), default));

        transport.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendOnce_ClaimExpired_AfterACrash_SendsAgain()
    {
        var sut = CreateSut();
        outbox.Seed(Mail("a"), OutboxState.Sending, time.GetUtcNow() + MailSender.ClaimDuration);
        time.Advance(MailSender.ClaimDuration + TimeSpan.FromSeconds(1));

        (await sut.SendOnceAsync(Mail("a"), default)).ShouldBeTrue();

        transport.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendClaimed_ThreeMessages_SettlesThemInOneWrite()
    {
        var sut = CreateSut();
        var claimed = await ClaimAsync("a", "b", "c");

        (await sut.SendClaimedAsync(claimed, default)).ShouldBe(3);

        transport.Sent.Count.ShouldBe(3);
        outbox.SettleWrites.ShouldBe(1);
        outbox.Records.Values.ShouldAllBe(r => r.State == OutboxState.Sent);
    }

    [Fact]
    public async Task SendClaimed_OneFails_KeepsTheOthersSentAndRethrows()
    {
        var sut = CreateSut();
        var claimed = await ClaimAsync("a", "b");
        transport.FailuresLeft = 1;

        await Should.ThrowAsync<HttpRequestException>(() => sut.SendClaimedAsync(claimed, default));

        outbox.SettleWrites.ShouldBe(1);
        outbox.Records.Values.Count(r => r.State == OutboxState.Sent).ShouldBe(1);
        outbox.Records.Values.Count(r => r.State == OutboxState.Pending).ShouldBe(1);
        transport.Sent.Count.ShouldBe(1);
    }

    private async Task<IReadOnlyList<OutboxRecord>> ClaimAsync(params string[] ids)
    {
        var now = time.GetUtcNow();
        var records = new List<OutboxRecord>();
        foreach (var id in ids)
        {
            records.Add((await outbox.AddClaimedOrGetAsync(Mail(id), now, now + MailSender.ClaimDuration, default)).Record);
        }

        return records;
    }

    [Fact]
    public async Task SendOnce_SentThenFailed_CountsEachByKind()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new PartnerIntakeMetrics(services.GetRequiredService<IMeterFactory>());
        var counted = new List<(string Instrument, long Value, object? Kind)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PartnerIntakeMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            counted.Add((instrument.Name, value, tags.ToArray().Single(t => t.Key == "kind").Value)));
        listener.Start();
        var sut = new MailSender(outbox, transport, time, NullLogger<MailSender>.Instance, metrics);

        await sut.SendOnceAsync(Mail("a"), default);
        transport.FailuresLeft = 1;
        await Should.ThrowAsync<HttpRequestException>(() => sut.SendOnceAsync(Mail("b"), default));

        counted.ShouldBe([("partnerintake.mails.sent", 1L, (object?)"test"), ("partnerintake.mails.failed", 1L, "test")]);
    }

    private MailSender CreateSut() => new(outbox, transport, time, NullLogger<MailSender>.Instance);

    private static OutboundMail Mail(string id, string subject = "Hello") =>
        new(id, "test", new Recipient("a@example.org", "A"), subject, "text", "<p>html</p>", "en");
}
