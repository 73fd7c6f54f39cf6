using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// Routing's transaction under injected faults, on a real Azurite: the real storage adapters and RouteInquiry, a
/// pipeline policy that breaks the commit (the entity-group transaction on the inquiry's partition), and a transport
/// that records what was sent. Whatever the fault, nothing is half-written and the redelivered message ends with one
/// assignment and one of each e-mail.
/// </summary>
public sealed class RoutingFaultTests : IAsyncLifetime
{
    private readonly CommitFault fault;
    private readonly FakeTimeProvider clock = new(TimeProvider.System.GetUtcNow());
    private readonly ConcurrentQueue<string> sent = new();
    private Azurite azurite = null!;
    private ServiceProvider services = null!;

    public RoutingFaultTests() => fault = new CommitFault(TouchInquiryAsync);

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        services = Compose();
        await services.GetRequiredService<StorageAccount>().EnsureCreatedAsync([], default);
        await services.GetRequiredService<TableRoutingTablesStore>()
            .ImportAsync(RoutingTablesCsv.Seed().Parse(), clock.GetUtcNow(), onlyIfEmpty: true, default, source: "seed");
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Route_CommitNeverReachesStorage_NothingWrittenAndTheRetrySendsEachMailOnce()
    {
        var reference = await StoreInquiryAsync();
        fault.Next = CommitFault.Kind.StorageDown;

        await Should.ThrowAsync<StorageUnavailableException>(() => RouteAsync(reference, dequeueCount: 1));

        (await RowsAsync(reference)).ShouldBe(["inquiry"]);
        (await StatusAsync(reference)).ShouldBe(InquiryStatus.Received);
        sent.ShouldBeEmpty();

        (await RouteAsync(reference, dequeueCount: 2)).ShouldBe(RouteOutcome.Routed);
        await ShouldBeRoutedOnceAsync(reference);
    }

    [Fact]
    public async Task Route_InquiryChangedBetweenReadAndCommit_412WritesNothingThenRoutesOnTheNextRead()
    {
        var reference = await StoreInquiryAsync();
        fault.Next = CommitFault.Kind.ConcurrentChange;

        (await RouteAsync(reference, dequeueCount: 1)).ShouldBe(RouteOutcome.Routed);

        fault.Injected.ShouldBe(1);
        await ShouldBeRoutedOnceAsync(reference);
    }

    [Fact]
    public async Task Route_CrashRightAfterTheCommit_RedeliveryAfterTheClaimSendsEachMailOnce()
    {
        var reference = await StoreInquiryAsync();
        fault.Next = CommitFault.Kind.CrashAfterCommit;

        await Should.ThrowAsync<InvalidOperationException>(() => RouteAsync(reference, dequeueCount: 1));
        sent.ShouldBeEmpty();
        (await RowsAsync(reference)).Count(r => r.StartsWith("mail|", StringComparison.Ordinal)).ShouldBe(3);

        // Redelivered while the dead attempt's claims still hold: nothing is sent twice.
        await Should.ThrowAsync<MailInFlightException>(() => RouteAsync(reference, dequeueCount: 2));
        sent.ShouldBeEmpty();

        clock.Advance(MailSender.ClaimDuration + TimeSpan.FromSeconds(1));
        (await RouteAsync(reference, dequeueCount: 3)).ShouldBe(RouteOutcome.Routed);
        (await RouteAsync(reference, dequeueCount: 4)).ShouldBe(RouteOutcome.AlreadyRouted);
        await ShouldBeRoutedOnceAsync(reference);
    }

    [Fact]
    public async Task Route_CommitsButItsAnswerIsLost_TheSdksRetryConflictsAndTheAttemptSendsItsOwnClaimedMails()
    {
        var reference = await StoreInquiryAsync();
        fault.Next = CommitFault.Kind.AnswerLost;

        (await RouteAsync(reference, dequeueCount: 1)).ShouldBe(RouteOutcome.Routed);

        fault.Injected.ShouldBe(1);
        await ShouldBeRoutedOnceAsync(reference);
    }

    private async Task ShouldBeRoutedOnceAsync(string reference)
    {
        var rows = await RowsAsync(reference);
        rows.Count(r => r.StartsWith(TableAssignmentStore.RowPrefix, StringComparison.Ordinal)).ShouldBe(1);
        rows.Count(r => r.StartsWith(TableAuditTrail.RowPrefix, StringComparison.Ordinal)).ShouldBe(1);
        (await StatusAsync(reference)).ShouldBe(InquiryStatus.Routed);
        sent.Count.ShouldBe(3);
        sent.Distinct().Count().ShouldBe(3);
        sent.ShouldContain($"{reference}.assignment.1");
        sent.ShouldContain($"{reference}.acknowledgement");
        sent.ShouldContain(id => id.StartsWith($"{reference}.collaborator.1.", StringComparison.Ordinal));
        var records = await services.GetRequiredService<StorageAccount>().Table(TableNames.Inquiries).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {reference} and RowKey ge {"mail|"} and RowKey lt {"mail|~"}")).ToListAsync();
        records.ShouldAllBe(r => r.GetString("State") == OutboxState.Sent);
    }

    /// <summary>Another writer touches the inquiry row (its own client, no fault), so the commit's ETag no longer matches.</summary>
    private Task TouchInquiryAsync(string reference) =>
        StorageClients.Connect(azurite.ConnectionString).Table(TableNames.Inquiries)
            .UpdateEntityAsync(new TableEntity(reference, "inquiry") { ["TouchedBy"] = "another writer" }, ETag.All, TableUpdateMode.Merge);

    private Task<RouteOutcome> RouteAsync(string reference, int dequeueCount) =>
        services.GetRequiredService<RouteInquiry>().RouteAsync(reference, dequeueCount, maxDequeueCount: 5, default);

    private async Task<string> StoreInquiryAsync()
    {
        using var document = JsonDocument.Parse(Inquiries.Valid);
        var submission = InquiryValidator.Validate(document.RootElement).Value!;
        var reference = InquiryReference.New();
        await services.GetRequiredService<IInquiryStore>().InsertAsync(
            new Inquiry(reference, submission, InquiryStatus.Received, clock.GetUtcNow()), default);
        return reference;
    }

    private async Task<string?> StatusAsync(string reference) =>
        (await services.GetRequiredService<IInquiryStore>().GetProgressAsync(reference, default))?.Status;

    private async Task<List<string>> RowsAsync(string reference) =>
        await services.GetRequiredService<StorageAccount>().Table(TableNames.Inquiries)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {reference}"), select: ["RowKey"])
            .Select(e => e.RowKey).ToListAsync();

    private ServiceProvider Compose()
    {
        var s = new ServiceCollection();
        s.AddLogging();
        s.AddSingleton<TimeProvider>(clock);
        s.AddSingleton(StorageClients.Connect(azurite.ConnectionString, tablePolicy: fault));
        s.AddSingleton(Options.Create(new AppOptions()));
        s.AddSingleton(Options.Create(new MailOptions()));
        s.AddSingleton(Options.Create(new RoutingOptions()));
        s.AddSingleton(Options.Create(new LinkOptions { SigningKey = new string('k', 40) }));
        s.AddSingleton(BusinessCalendar.Parse(null));
        s.AddSingleton<IMailTransport>(new RecordingTransport(sent));
        s.AddSingleton<IInquiryStore, TableInquiryStore>();
        s.AddSingleton<IRoutingStore, TableRoutingStore>();
        s.AddSingleton<IAssignmentStore, TableAssignmentStore>();
        s.AddSingleton<IAuditTrail, TableAuditTrail>();
        s.AddSingleton<IDueActions, TableDueActions>();
        s.AddSingleton<IDuplicateIndex, TableDuplicateIndex>();
        s.AddSingleton(Options.Create(new IntakeOptions { MailsPerAddressPerDay = 1_000_000 })); // every run acknowledges the same contact
        s.AddSingleton<LimitKeys>();
        s.AddSingleton<IAcknowledgementCap, TableAcknowledgementCap>();
        s.AddSingleton<IMailOutbox, TableMailOutbox>();
        s.AddSingleton<TableRoutingTablesStore>();
        s.AddSingleton<IRoutingTablesSource, LiveRoutingTables>();
        s.AddSingleton<MailTemplates>();
        s.AddSingleton<MailSender>();
        s.AddSingleton<ActionLinks>();
        s.AddSingleton<InquiryMails>();
        s.AddSingleton<AssignmentLifecycle>();
        s.AddSingleton<RouteInquiry>();
        return s.BuildServiceProvider();
    }

    private sealed class RecordingTransport(ConcurrentQueue<string> sent) : IMailTransport
    {
        public Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken)
        {
            sent.Enqueue(mail.OutboxId);
            return Task.FromResult<string?>("msg-" + mail.OutboxId);
        }
    }

    /// <summary>Breaks the next routing commit: the entity-group transaction that merges an inquiry row.</summary>
    private sealed class CommitFault(Func<string, Task> changeInquiry) : HttpPipelinePolicy
    {
        public enum Kind
        {
            None,
            StorageDown,
            ConcurrentChange,
            CrashAfterCommit,
            AnswerLost,
        }

        public Kind Next { get; set; }

        public int Injected { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Next == Kind.None || !IsCommit(message))
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }

            var kind = Next;
            Injected++;
            switch (kind)
            {
                case Kind.StorageDown when Injected >= 3: // every attempt of the SDK's retries fails
                    Next = Kind.None;
                    throw new RequestFailedException(0, "injected: storage did not answer");
                case Kind.StorageDown:
                    throw new RequestFailedException(0, "injected: storage did not answer");
                case Kind.ConcurrentChange:
                    Next = Kind.None;
                    await ChangeInquiryRowAsync(message);
                    await ProcessNextAsync(message, pipeline);
                    return;
                case Kind.CrashAfterCommit:
                    Next = Kind.None;
                    await ProcessNextAsync(message, pipeline);
                    throw new InvalidOperationException("injected: the process died after the commit");
                case Kind.AnswerLost:
                    Next = Kind.None;
                    await ProcessNextAsync(message, pipeline);
                    throw new RequestFailedException(0, "injected: the answer was lost"); // the SDK retries the transaction
            }
        }

        private static bool IsCommit(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Post || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)
                || message.Request.Content is null)
            {
                return false;
            }

            using var body = new MemoryStream();
            message.Request.Content.WriteTo(body, default);
            var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
            return text.Contains("/Inquiries(", StringComparison.Ordinal) && text.Contains("RowKey='inquiry'", StringComparison.Ordinal);
        }

        private Task ChangeInquiryRowAsync(HttpMessage message)
        {
            using var body = new MemoryStream();
            message.Request.Content!.WriteTo(body, default);
            var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
            var start = text.IndexOf("PartitionKey='", StringComparison.Ordinal) + "PartitionKey='".Length;
            return changeInquiry(text[start..text.IndexOf('\'', start)]);
        }
    }
}
