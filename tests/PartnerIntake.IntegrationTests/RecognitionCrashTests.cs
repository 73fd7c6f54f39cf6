using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// SendRecognitions against real Table storage with a transport that "crashes" the run half-way
/// (cancels it, as a dying process would stop it), then a rerun: the rest go out, none twice.
/// Its own Azurite, so that no app timer sends these notices meanwhile.
/// </summary>
public sealed class RecognitionCrashTests : IAsyncLifetime
{
    private Azurite azurite = null!;
    private StorageAccount storage = null!;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentBag<string> sent = [];

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        storage = StorageClients.Connect(azurite.ConnectionString);
        await storage.EnsureCreatedAsync([], default);
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task SendDue_CrashMidBatchThenRerun_SendsTheRestAndNoneTwice()
    {
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await CreateSut(new RecordingTransport(sent, null, 0)).RecordAsync(Submission(i), default)).Id);
        }

        clock.Advance(TimeSpan.FromMinutes(11)); // the ten thank-yous are due
        using var crash = new CancellationTokenSource();
        var crashing = CreateSut(new RecordingTransport(sent, crash, crashAfter: 4));

        // The storage SDK reports the cancelled calls as storage failures: either way, the run dies here.
        await Should.ThrowAsync<Exception>(() => crashing.SendDueAsync(crash.Token));
        sent.Count.ShouldBe(4);

        var rerun = await CreateSut(new RecordingTransport(sent, null, 0)).SendDueAsync(default);

        sent.Count.ShouldBe(10);
        sent.Distinct().Count().ShouldBe(10);
        sent.ShouldAllBe(id => id.EndsWith(".thank-you.1", StringComparison.Ordinal));
        // Three or four were marked before the "crash" (whether the 4th mark landed is a race); the rerun marks the rest without resending.
        rerun.Sent.ShouldBeInRange(ids.Count - 4, ids.Count - 3);
        (await CreateSut(new RecordingTransport(sent, null, 0)).SendDueAsync(default)).Due.ShouldBe(0);
    }

    [Fact]
    public async Task SendDue_TwoRunsAtOnce_EachNoticeOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            await CreateSut(new RecordingTransport(sent, null, 0)).RecordAsync(Submission(i), default);
        }

        clock.Advance(TimeSpan.FromMinutes(11));
        await Task.WhenAll(
            CreateSut(new RecordingTransport(sent, null, 0)).SendDueAsync(default),
            CreateSut(new RecordingTransport(sent, null, 0)).SendDueAsync(default));
        await CreateSut(new RecordingTransport(sent, null, 0)).SendDueAsync(default); // whatever was in flight for the other run

        sent.Count.ShouldBe(20);
        sent.Distinct().Count().ShouldBe(20);
    }

    private Recognition CreateSut(IMailTransport transport)
    {
        var options = Options.Create(new RecognitionOptions());
        var links = new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), clock);
        return new Recognition(
            new TableDonationStore(storage),
            new TableNoticeStore(storage, clock),
            new RecognitionSchedule(options),
            new RecognitionMails(new MailTemplates(), Options.Create(new AppOptions()), links),
            new NoMetrics(),
            new MailSender(new TableMailOutbox(storage), transport, clock, NullLogger<MailSender>.Instance),
            clock,
            NullLogger<Recognition>.Instance);
    }

    private static DonationSubmission Submission(int i) => new(
        new InstitutionInfo($"Museum {i}", "PL", null),
        new DonorContact("Anna Nowak", "anna@example.org", "pl"),
        new CollectionInfo("Paintings", $"Category:Paintings {i}", 10 + i, "CC0 1.0"),
        new DateOnly(2026, 11, 1), $"Museum {i}", null, null);

    private sealed class NoMetrics : IImpactMetrics
    {
        public Task<ImpactFigures?> GetAsync(string commonsCategory, DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken) =>
            Task.FromResult<ImpactFigures?>(null);
    }

    /// <summary>Records what was handed to the provider; optionally stops the run after some sends, as a crash would.</summary>
    private sealed class RecordingTransport(ConcurrentBag<string> sent, CancellationTokenSource? crash, int crashAfter) : IMailTransport
    {
        private int count;

        public Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sent.Add(mail.OutboxId);
            if (crash is not null && Interlocked.Increment(ref count) >= crashAfter)
            {
                crash.Cancel(); // the process "dies" right after the provider accepted this message
            }

            return Task.FromResult<string?>(null);
        }
    }
}
