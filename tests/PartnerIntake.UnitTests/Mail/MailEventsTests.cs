using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Mail;

public class MailEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryMailEvents store = new();
    private readonly RecordingDelivery delivery = new();
    private readonly RecordingBounces bounces = new();

    [Fact]
    public void Parse_PublishedSample_ReadsTheEventWithoutTheAddress()
    {
        var body = """[{"email":"hello@world.com","event":"dropped","reason":"Bounced Address","sg_event_id":"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA","sg_message_id":"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0","smtp-id":"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>","timestamp":1600112492}]""" + "\r\n";

        var (events, skipped) = MailEventParser.Parse(Encoding.UTF8.GetBytes(body), Now)!.Value;

        skipped.ShouldBe(0);
        var e = events.ShouldHaveSingleItem();
        e.EventId.ShouldBe("ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA");
        e.Type.ShouldBe(MailEventTypes.Dropped);
        e.At.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1600112492));
        e.OutboxId.ShouldBeNull();
        e.Partition.ShouldBe("sg-LRzXl_NHStOGhQ4kofSm_A");
        e.Reason.ShouldBe("Bounced Address");
        e.ToString().ShouldNotContain("hello@world.com");
    }

    [Fact]
    public void Parse_CustomArgs_ComeBackAsTopLevelKeys()
    {
        var body = """[{"event":"bounce","sg_event_id":"e1","sg_message_id":"m1.x","timestamp":1795000000,"outbox_id":"D-1.thank-you","donation_id":"D-1","type":"bounce","status":"5.1.1","reason":"550 5.1.1 <anna@example.org>: Recipient address rejected"}]""";

        var e = MailEventParser.Parse(Encoding.UTF8.GetBytes(body), Now)!.Value.Events.Single();

        e.OutboxId.ShouldBe("D-1.thank-you");
        e.Partition.ShouldBe("D-1.thank-you");
        e.DonationId.ShouldBe("D-1");
        e.SmtpStatus.ShouldBe("5.1.1");
        e.BounceType.ShouldBe("bounce");
        e.Reason.ShouldBe("550 5.1.1 <[address]>: Recipient address rejected");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("")]
    public void Parse_NotAJsonArray_Null(string body)
    {
        MailEventParser.Parse(Encoding.UTF8.GetBytes(body), Now).ShouldBeNull();
    }

    [Fact]
    public void Parse_ElementsWithoutIdOrEvent_AreSkipped()
    {
        var body = """[{"event":"delivered"},{"sg_event_id":"e1"},42,{"event":"delivered","sg_event_id":"e2"}]""";

        var (events, skipped) = MailEventParser.Parse(Encoding.UTF8.GetBytes(body), Now)!.Value;

        events.Select(e => e.EventId).ShouldBe(["e2"]);
        events[0].At.ShouldBe(Now); // no timestamp: when it arrived
        skipped.ShouldBe(3);
    }

    [Theory]
    [InlineData("delivered", 10, null, 0, true)]
    [InlineData("processed", 20, "delivered", 10, false)]
    [InlineData("deferred", 20, "delivered", 10, false)]
    [InlineData("delivered", 5, "deferred", 10, true)]
    [InlineData("bounce", 20, "delivered", 10, true)]
    [InlineData("delivered", 10, "bounce", 20, false)]
    [InlineData("open", 30, "delivered", 10, false)]
    [InlineData("dropped", 10, "processed", 10, true)]
    public void Supersedes_DeliveryOrder_NeverGoesBack(string type, int at, string? current, int currentAt, bool expected)
    {
        MailEventTypes.Supersedes(type, Now.AddSeconds(at), current, current is null ? null : Now.AddSeconds(currentAt)).ShouldBe(expected);
    }

    [Fact]
    public async Task Process_BounceWithDonationId_StoresUpdatesStatusAndFlagsTheDonation()
    {
        var outcome = await Sut().ProcessAsync([Event("e1", MailEventTypes.Bounce, "D-1.thank-you", "D-1")], 0, default);

        outcome.ShouldBe(new MailEventsOutcome(1, 0, 0));
        store.Rows["e1"].ShouldBeTrue();
        delivery.Calls.ShouldBe([("D-1.thank-you", MailEventTypes.Bounce)]);
        bounces.Flags.ShouldBe([("D-1", MailEventTypes.Bounce)]);
    }

    [Fact]
    public async Task Process_SamePostTwice_SecondIsADuplicateAndFlagsNothingMore()
    {
        var events = new[] { Event("e1", MailEventTypes.Dropped, "D-1.impact.2026", "D-1"), Event("e2", MailEventTypes.Processed, "D-1.impact.2026", "D-1") };

        await Sut().ProcessAsync(events, 0, default);
        var second = await Sut().ProcessAsync(events, 0, default);

        second.ShouldBe(new MailEventsOutcome(0, 2, 0));
        bounces.Flags.Count.ShouldBe(1);
        delivery.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Process_StoredButNotApplied_AppliesOnTheRetry()
    {
        store.Rows["e1"] = false; // an earlier post stored it and failed before applying

        var outcome = await Sut().ProcessAsync([Event("e1", MailEventTypes.Bounce, "D-1.thank-you", "D-1")], 0, default);

        outcome.Duplicates.ShouldBe(1);
        bounces.Flags.Count.ShouldBe(1);
        store.Rows["e1"].ShouldBeTrue();
    }

    [Fact]
    public async Task Process_DeliveredOrEngagement_FlagsNothing()
    {
        await Sut().ProcessAsync([Event("e1", MailEventTypes.Delivered, "D-1.thank-you", "D-1"), Event("e2", "open", "D-1.thank-you", "D-1")], 0, default);

        bounces.Flags.ShouldBeEmpty();
        delivery.Calls.ShouldBe([("D-1.thank-you", MailEventTypes.Delivered)]); // an open is not a delivery status
        store.Rows.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Process_WithoutOutboxId_StoredButNoStatusUpdate()
    {
        await Sut().ProcessAsync([Event("e1", MailEventTypes.Bounce, outboxId: null, donationId: null)], 0, default);

        store.Rows.ShouldContainKey("e1");
        delivery.Calls.ShouldBeEmpty();
        bounces.Flags.ShouldBeEmpty();
    }

    private MailEventIngest Sut() => new(store, delivery, bounces, new FakeTimeProvider(Now), NullLogger<MailEventIngest>.Instance);

    private static MailEvent Event(string id, string type, string? outboxId, string? donationId) =>
        new(id, type, Now, outboxId, "m1.filter", donationId, null, null, null);

    private sealed class InMemoryMailEvents : IMailEventStore
    {
        /// <summary>sg_event_id → applied.</summary>
        public ConcurrentDictionary<string, bool> Rows { get; } = new();

        public Task<MailEventAdd> AddAsync(MailEvent mailEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
            Task.FromResult(Rows.TryAdd(mailEvent.EventId, false) ? MailEventAdd.New
                : Rows[mailEvent.EventId] ? MailEventAdd.SeenApplied : MailEventAdd.SeenNotApplied);

        public Task MarkAppliedAsync(MailEvent mailEvent, CancellationToken cancellationToken)
        {
            Rows[mailEvent.EventId] = true;
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingDelivery : IMailDeliveryStatus
    {
        public ConcurrentQueue<(string OutboxId, string Type)> Calls { get; } = new();

        public Task<bool> RecordDeliveryAsync(string outboxId, string eventType, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Calls.Enqueue((outboxId, eventType));
            return Task.FromResult(true);
        }
    }

    private sealed class RecordingBounces : IDonationBounces
    {
        public ConcurrentQueue<(string DonationId, string Type)> Flags { get; } = new();

        public Task FlagBouncedAsync(string donationId, string eventType, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Flags.Enqueue((donationId, eventType));
            return Task.CompletedTask;
        }
    }
}
