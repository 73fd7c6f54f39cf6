using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>Its own Azurite with the app's tables; no app process: MailSender + TableMailOutbox + SendGridTransport in the test.</summary>
public sealed class OutboxStorageFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public StorageProbe Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = new StorageProbe(Azurite.ConnectionString);
        await Storage.Account.EnsureCreatedAsync([], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// SendGridTransport as registered (<see cref="SendGridServices.AddSendGridTransport"/>: the official client over the
/// resilient HttpClient) through MailSender and the outbox on Azurite, against a local listener that checks the request
/// as SendGrid documents it. The clock is a <see cref="FakeTimeProvider"/>: backoffs and rate-limit waits pass only when
/// a test advances it, never in real time.
/// </summary>
public class SendGridTransportTests(OutboxStorageFixture fixture) : IClassFixture<OutboxStorageFixture>, IAsyncLifetime
{
    private const string ApiKey = "SG.integration-test-key";
    private static readonly TimeSpan RealPause = TimeSpan.FromMilliseconds(300);
    private readonly FakeTimeProvider clock = new(TimeProvider.System.GetUtcNow());
    private readonly RecordingLogs logs = new();
    private readonly List<ServiceProvider> providers = [];
    private FakeSendGrid sendGrid = null!;

    public async Task InitializeAsync() => sendGrid = await FakeSendGrid.StartAsync(clock);

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task SendOnce_Accepted202_SendsTheDocumentedRequestAndStoresXMessageId()
    {
        var mail = Mail() with
        {
            ReplyTo = new Recipient("polska@example.org", "Wikimedia Polska"),
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://partners.example.org/api/recognition/unsubscribe/tok>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-7JYR" },
        };

        (await Sender().SendOnceAsync(mail, default)).ShouldBeTrue();

        var request = sendGrid.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v3/mail/send");
        request.Authorization.ShouldBe("Bearer " + ApiKey);
        request.ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
        FakeSendGrid.Problems(request.Body).ShouldBeEmpty();
        var json = JsonDocument.Parse(request.Body).RootElement;
        var personalization = json.GetProperty("personalizations").EnumerateArray().ShouldHaveSingleItem();
        personalization.GetProperty("to")[0].GetProperty("email").GetString().ShouldBe("curator@museum.example");
        personalization.GetProperty("to")[0].GetProperty("name").GetString().ShouldBe("A. Curator");
        personalization.GetProperty("custom_args").GetProperty("outbox_id").GetString().ShouldBe(mail.OutboxId);
        personalization.GetProperty("custom_args").GetProperty("donation_id").GetString().ShouldBe("D-7JYR");
        json.GetProperty("from").GetProperty("email").GetString().ShouldBe("partnerships@example.org");
        json.GetProperty("from").GetProperty("name").GetString().ShouldBe("Wikimedia Partnerships");
        json.GetProperty("reply_to").GetProperty("email").GetString().ShouldBe("polska@example.org");
        json.GetProperty("subject").GetString().ShouldBe(mail.Subject);
        json.GetProperty("content").GetArrayLength().ShouldBe(2);
        json.GetProperty("content")[0].GetProperty("type").GetString().ShouldBe("text/plain");
        json.GetProperty("content")[0].GetProperty("value").GetString().ShouldBe(mail.Text);
        json.GetProperty("content")[1].GetProperty("type").GetString().ShouldBe("text/html");
        json.GetProperty("content")[1].GetProperty("value").GetString().ShouldBe(mail.Html);
        json.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["thank-you"]);
        var headers = json.GetProperty("headers");
        headers.GetProperty("List-Unsubscribe").GetString().ShouldBe("<https://partners.example.org/api/recognition/unsubscribe/tok>");
        headers.GetProperty("List-Unsubscribe-Post").GetString().ShouldBe("List-Unsubscribe=One-Click");
        headers.GetProperty("X-Entity-Ref-ID").GetString().ShouldBe(mail.OutboxId);
        json.GetProperty("tracking_settings").GetProperty("click_tracking").GetProperty("enable").GetBoolean().ShouldBeFalse();
        json.GetProperty("tracking_settings").GetProperty("open_tracking").GetProperty("enable").GetBoolean().ShouldBeFalse();

        var record = await OutboxRecordAsync(mail.OutboxId);
        record.GetString("State").ShouldBe(OutboxState.Sent);
        record.GetString("ProviderMessageId").ShouldBe("fake-msg-1");
    }

    [Fact]
    public async Task SendOnce_429WithRateLimitReset_WaitsOnTheAppClockUntilTheReset()
    {
        var start = clock.GetUtcNow();
        var reset = DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds() + 30);
        sendGrid.Then(429, new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "600",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, """{"errors":[{"field":null,"message":"too many requests"}]}""");
        var mail = Mail();

        var send = Sender().SendOnceAsync(mail, default);

        await SecondRequestOnlyAtAsync(send, reset);
        (await send).ShouldBeTrue();
        (await OutboxRecordAsync(mail.OutboxId)).GetString("State").ShouldBe(OutboxState.Sent);
    }

    [Fact]
    public async Task SendOnce_429WithRetryAfter_WaitsOnTheAppClockForRetryAfter()
    {
        sendGrid.Then(429, new Dictionary<string, string> { ["Retry-After"] = "45" });
        var mail = Mail();

        var send = Sender().SendOnceAsync(mail, default);

        await SecondRequestOnlyAtAsync(send, clock.GetUtcNow().AddSeconds(45));
        (await send).ShouldBeTrue();
    }

    [Fact]
    public async Task SendOnce_429WithResetTenMinutesAway_WaitsTwoMinutesAtMost()
    {
        var start = clock.GetUtcNow();
        sendGrid.Then(429, new Dictionary<string, string>
        {
            ["X-RateLimit-Reset"] = (start.ToUnixTimeSeconds() + 600).ToString(CultureInfo.InvariantCulture),
        });

        var send = Sender().SendOnceAsync(Mail(), default);

        await SecondRequestOnlyAtAsync(send, start + SendGridResilience.MaxRateLimitWait);
        (await send).ShouldBeTrue();
        (sendGrid.Requests[1].At - start).ShouldBeLessThanOrEqualTo(SendGridResilience.MaxRateLimitWait + TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task SendOnce_5xxThen202_RetriedOnceAfterABackoffOnTheAppClock(int status)
    {
        sendGrid.Then(status, body: """{"errors":[{"field":null,"message":"internal error"}]}""");
        var mail = Mail();

        var send = Sender().SendOnceAsync(mail, default);

        await RetryScheduledAsync(1);
        await Task.Delay(RealPause);
        sendGrid.Requests.Count.ShouldBe(1, "the backoff waits for the app's clock, not real time");
        (await DriveAsync(send)).ShouldBeTrue();
        sendGrid.Requests.Count.ShouldBe(2);
        sendGrid.Requests[1].At.ShouldBeGreaterThan(sendGrid.Requests[0].At);
        sendGrid.Requests[1].Body.ShouldBe(sendGrid.Requests[0].Body);
        var record = await OutboxRecordAsync(mail.OutboxId);
        record.GetString("State").ShouldBe(OutboxState.Sent);
        record.GetString("ProviderMessageId").ShouldBe("fake-msg-1");
    }

    [Fact]
    public async Task SendOnce_400_NotRetriedRejectedAndTheRecordReleased()
    {
        sendGrid.Then(400, body: """{"errors":[{"message":"The to email does not contain a valid address.","field":"personalizations.0.to.0.email","help":null}]}""");
        var mail = Mail();

        var rejected = await Should.ThrowAsync<MailRejectedException>(() => Sender().SendOnceAsync(mail, default));

        rejected.StatusCode.ShouldBe(400);
        rejected.Message.ShouldContain("personalizations.0.to.0.email");
        rejected.Message.ShouldNotContain("curator@museum.example");
        sendGrid.Requests.Count.ShouldBe(1);
        var record = await OutboxRecordAsync(mail.OutboxId);
        record.GetString("State").ShouldBe(OutboxState.Pending);
        record.GetString("LastError").ShouldBe(nameof(MailRejectedException));
        record.ContainsKey("SentAt").ShouldBeFalse();
        record.ContainsKey("ProviderMessageId").ShouldBeFalse();
        logs.Messages.ShouldNotContain(m => m.Contains("curator@museum.example", StringComparison.Ordinal) || m.Contains("A. Curator", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(408)]
    [InlineData(413)]
    public async Task SendOnce_Other4xx_NeverRetried(int status)
    {
        sendGrid.Then(status);

        var rejected = await Should.ThrowAsync<MailRejectedException>(() => Sender().SendOnceAsync(Mail(), default));

        rejected.StatusCode.ShouldBe(status);
        sendGrid.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendOnce_503EveryTime_GivesUpAfterMaxRetriesAndReleases()
    {
        for (var i = 0; i < 3; i++)
        {
            sendGrid.Then(503);
        }

        var mail = Mail();

        var failure = await Should.ThrowAsync<HttpRequestException>(() => DriveAsync(Sender(maxRetries: 2).SendOnceAsync(mail, default)));

        failure.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        sendGrid.Requests.Count.ShouldBe(3);
        (await OutboxRecordAsync(mail.OutboxId)).GetString("State").ShouldBe(OutboxState.Pending);
    }

    [Fact]
    public async Task SendOnce_AttemptTimesOut_RetriedWithANewAttempt()
    {
        sendGrid.ThenNoAnswer();
        var mail = Mail();

        var send = Sender(attemptTimeoutSeconds: 10).SendOnceAsync(mail, default);

        await Eventually.HoldsAsync(() => Task.FromResult(sendGrid.Requests.Count == 1), TimeSpan.FromSeconds(10), "the first attempt posted");
        await Task.Delay(RealPause);
        send.IsCompleted.ShouldBeFalse("the attempt timeout runs on the app's clock");
        clock.Advance(TimeSpan.FromSeconds(10));
        await RetryScheduledAsync(1, nameof(TimeoutRejectedException));
        (await DriveAsync(send)).ShouldBeTrue();
        sendGrid.Requests.Count.ShouldBe(2);
        (await OutboxRecordAsync(mail.OutboxId)).GetString("ProviderMessageId").ShouldBe("fake-msg-1");
    }

    [Fact]
    public async Task SendOnce_RetryAfterAFailedSend_SendsTheStoredMailWithItsHeadersAndArgs()
    {
        sendGrid.Then(503);
        var first = Mail() with
        {
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://partners.example.org/u/first>" },
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-FIRST" },
        };
        await Should.ThrowAsync<HttpRequestException>(() => Sender(maxRetries: 0).SendOnceAsync(first, default));

        var second = first with
        {
            Subject = "Rendered again",
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://partners.example.org/u/second>" },
            CustomArgs = null,
        };
        (await Sender().SendOnceAsync(second, default)).ShouldBeTrue();

        sendGrid.Requests.Count.ShouldBe(2);
        sendGrid.Requests[1].Body.ShouldBe(sendGrid.Requests[0].Body);
        sendGrid.Requests[1].Body.ShouldContain("D-FIRST");
        sendGrid.Requests[1].Body.ShouldContain("https://partners.example.org/u/first");
    }

    public static TheoryData<string, OutboundMail> HeaderInjections() => new()
    {
        { "subject", Mail() with { Subject = "Thank you\r\nBcc: victim@example.org" } },
        { "recipient name", Mail() with { To = new Recipient("curator@museum.example", "A\nBcc: x@example.org") } },
        { "reply-to address", Mail() with { ReplyTo = new Recipient("polska@example.org\r\nBcc: x@example.org", null) } },
        { "reply-to name", Mail() with { ReplyTo = new Recipient("polska@example.org", "Polska\r") } },
    };

    [Theory]
    [MemberData(nameof(HeaderInjections))]
    public async Task SendOnce_LineBreakInAHeaderField_RefusedBeforeAnyRequest(string where, OutboundMail mail)
    {
        await Should.ThrowAsync<MailRejectedException>(() => Sender().SendOnceAsync(mail, default), where);

        sendGrid.Requests.ShouldBeEmpty(where);
    }

    [Theory]
    [InlineData("html before text", """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"p@example.org"},"subject":"s","content":[{"type":"text/html","value":"<p>x</p>"},{"type":"text/plain","value":"x"}]}""", "content")]
    [InlineData("comma in a name", """{"personalizations":[{"to":[{"email":"a@example.org","name":"A, B"}]}],"from":{"email":"p@example.org"},"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", "personalizations.0.to.0.name")]
    [InlineData("no from", """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", "from")]
    [InlineData("reserved header", """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"p@example.org"},"subject":"s","content":[{"type":"text/plain","value":"x"}],"headers":{"Bcc":"x@example.org"}}""", "headers")]
    [InlineData("no subject", """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"p@example.org"},"content":[{"type":"text/plain","value":"x"}]}""", "subject")]
    public async Task FakeSendGrid_BodyBreakingADocumentedRule_Answers400NamingTheField(string rule, string body, string field)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sendGrid.BaseUrl, "/v3/mail/send"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", ApiKey);

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, rule);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"\"field\":\"{field}\"", Case.Sensitive, rule);
    }

    [Fact]
    public async Task AddPartnerIntake_WithApiKey_MailTransportIsSendGridOverTheResilientClient()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
            ["App:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Links:SigningKey"] = "sendgrid-transport-test-signing-key-only-for-this-test",
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:BaseDelayMs"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPartnerIntake(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        providers.Add(provider);
        sendGrid.Then(502);

        var transport = provider.GetRequiredService<IMailTransport>();

        transport.ShouldBeOfType<SendGridTransport>();
        (await transport.SendAsync(Mail(), default)).ShouldBe("fake-msg-1");
        sendGrid.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task App_WithSendGridApiKey_SendsInquiryMailsThroughSendGridAndWritesNoEml()
    {
        sendGrid.Then(500); // the first mail needs one retry: the app's backoff setting is read
        await using var app = await AppProcess.StartAsync(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string>
        {
            ["SendGrid__ApiKey"] = ApiKey,
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid__BaseDelayMs"] = "20",
        });

        var reference = await app.SubmitValidAsync(Inquiries.Valid);

        await Eventually.HoldsAsync(() => Task.FromResult(sendGrid.Requests.Count == 4), TimeSpan.FromSeconds(15),
            "assignment, collaborator and acknowledgement posted to SendGrid (they go in parallel: one of them twice, after the fake's 500)");
        sendGrid.Requests.ShouldAllBe(r => r.Path == "/v3/mail/send" && r.Authorization == "Bearer " + ApiKey);
        sendGrid.Requests.ShouldAllBe(r => FakeSendGrid.Problems(r.Body).Count == 0);
        sendGrid.Requests.Select(r => OutboxIdOf(r.Body)).Distinct().Count().ShouldBe(3);
        var acknowledgement = sendGrid.Requests.Last(r => r.Body.Contains($"\"{reference}.acknowledgement\"", StringComparison.Ordinal));
        JsonDocument.Parse(acknowledgement.Body).RootElement.GetProperty("personalizations")[0].GetProperty("to")[0]
            .GetProperty("email").GetString().ShouldBe("anna@example.org");
        await Eventually.HoldsAsync(async () => (await OutboxRecordAsync($"{reference}.acknowledgement"))
                .GetString("ProviderMessageId")?.StartsWith("fake-msg-", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(5), "the X-Message-Id stored on the outbox record");
        app.OutboxFiles(reference).ShouldBeEmpty();
        app.Output.ShouldNotContain("anna@example.org");
    }

    /// <summary>
    /// After a 429, the retry must wait on the app's clock until <paramref name="due"/>: nothing in real time, nothing a
    /// second before it, then the second request, stamped by the fake clock no earlier than <paramref name="due"/>.
    /// </summary>
    private async Task SecondRequestOnlyAtAsync(Task<bool> send, DateTimeOffset due)
    {
        await RetryScheduledAsync(1, "429");
        await Task.Delay(RealPause);
        sendGrid.Requests.Count.ShouldBe(1, "the wait is on the app's clock, not real time");

        clock.Advance(due - clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await Task.Delay(RealPause);
        sendGrid.Requests.Count.ShouldBe(1, "a second before the reset");

        await DriveAsync(send, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
        sendGrid.Requests.Count.ShouldBe(2);
        sendGrid.Requests[1].At.ShouldBeGreaterThanOrEqualTo(due);
        sendGrid.Requests[1].At.ShouldBeLessThan(due + TimeSpan.FromSeconds(1));
    }

    private Task RetryScheduledAsync(int retry, string? outcome = null) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(logs.Messages.Any(m => m.Contains($"retry {retry} in", StringComparison.Ordinal)
                && (outcome is null || m.Contains($"failed with {outcome};", StringComparison.Ordinal)))),
            TimeSpan.FromSeconds(10),
            $"retry {retry} scheduled");

    /// <summary>Advances the fake clock in small steps until the send is done: its backoffs pass without real waiting.</summary>
    private async Task<T> DriveAsync<T>(Task<T> send, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var by = step ?? TimeSpan.FromMilliseconds(20);
        var advanced = TimeSpan.Zero;
        while (!send.IsCompleted && advanced < (limit ?? TimeSpan.FromMinutes(1)))
        {
            clock.Advance(by);
            advanced += by;
            await Task.WhenAny(send, Task.Delay(5));
        }

        send.IsCompleted.ShouldBeTrue($"done within {advanced} on the fake clock");
        return await send;
    }

    private MailSender Sender(int maxRetries = 3, int attemptTimeoutSeconds = 10)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(Options.Create(new MailOptions()));
        services.AddSingleton(Options.Create(new SendGridOptions
        {
            ApiKey = ApiKey,
            BaseUrl = sendGrid.BaseUrl.ToString(),
            MaxRetries = maxRetries,
            BaseDelayMs = 20,
            AttemptTimeoutSeconds = attemptTimeoutSeconds,
        }));
        services.AddSendGridTransport();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return new MailSender(new TableMailOutbox(fixture.Storage.Account), provider.GetRequiredService<SendGridTransport>(), clock,
            NullLogger<MailSender>.Instance);
    }

    private static string? OutboxIdOf(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("outbox_id").GetString();

    private Task<TableEntity> OutboxRecordAsync(string outboxId) => fixture.Storage.OutboxRecordAsync(outboxId);

    private static OutboundMail Mail() =>
        new($"D-{Guid.NewGuid():N}.thank-you", "thank-you", new Recipient("curator@museum.example", "A. Curator"),
            "Thank you for your donation", "Thank you.\nThe Wikimedia movement", "<p>Thank you.</p>", "en");

    /// <summary>Every message logged, formatted: the retries' schedule, and a check that no personal data is in them.</summary>
    private sealed class RecordingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyList<string> Messages => messages.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
