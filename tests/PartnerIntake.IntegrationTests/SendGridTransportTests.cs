using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
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

/// <summary>SendGridTransport through MailSender and the outbox on Azurite, against a local listener that checks the real request.</summary>
public class SendGridTransportTests(OutboxStorageFixture fixture) : IClassFixture<OutboxStorageFixture>, IAsyncLifetime
{
    private const string ApiKey = "SG.integration-test-key";
    private FakeSendGrid sendGrid = null!;

    public async Task InitializeAsync() => sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync() => await sendGrid.DisposeAsync();

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
        var json = JsonDocument.Parse(request.Body).RootElement;
        var personalization = json.GetProperty("personalizations")[0];
        personalization.GetProperty("to")[0].GetProperty("email").GetString().ShouldBe("curator@museum.example");
        personalization.GetProperty("to")[0].GetProperty("name").GetString().ShouldBe("A. Curator");
        personalization.GetProperty("custom_args").GetProperty("outbox_id").GetString().ShouldBe(mail.OutboxId);
        personalization.GetProperty("custom_args").GetProperty("donation_id").GetString().ShouldBe("D-7JYR");
        json.GetProperty("from").GetProperty("email").GetString().ShouldBe("partnerships@example.org");
        json.GetProperty("reply_to").GetProperty("email").GetString().ShouldBe("polska@example.org");
        json.GetProperty("subject").GetString().ShouldBe(mail.Subject);
        json.GetProperty("content")[0].GetProperty("type").GetString().ShouldBe("text/plain");
        json.GetProperty("content")[0].GetProperty("value").GetString().ShouldBe(mail.Text);
        json.GetProperty("content")[1].GetProperty("type").GetString().ShouldBe("text/html");
        json.GetProperty("content")[1].GetProperty("value").GetString().ShouldBe(mail.Html);
        json.GetProperty("categories")[0].GetString().ShouldBe("thank-you");
        json.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString().ShouldBe("List-Unsubscribe=One-Click");
        json.GetProperty("headers").GetProperty("X-Entity-Ref-ID").GetString().ShouldBe(mail.OutboxId);

        var record = await OutboxRecordAsync(mail.OutboxId);
        record.GetString("State").ShouldBe(OutboxState.Sent);
        record.GetString("ProviderMessageId").ShouldBe("fake-msg-1");
    }

    [Fact]
    public async Task SendOnce_429WithRateLimitReset_RetriedAfterTheReset()
    {
        var reset = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 2; // at least a second away
        sendGrid.Then(429, new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "600",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture),
        }, """{"errors":[{"field":null,"message":"too many requests"}]}""");
        var mail = Mail();

        (await Sender().SendOnceAsync(mail, default)).ShouldBeTrue();

        sendGrid.Requests.Count.ShouldBe(2);
        sendGrid.Requests[1].At.ShouldBeGreaterThanOrEqualTo(DateTimeOffset.FromUnixTimeSeconds(reset).AddMilliseconds(-20));
        (await OutboxRecordAsync(mail.OutboxId)).GetString("State").ShouldBe(OutboxState.Sent);
    }

    [Fact]
    public async Task SendOnce_500Then202_RetriedOnce()
    {
        sendGrid.Then(500, body: """{"errors":[{"field":null,"message":"internal error"}]}""");
        var mail = Mail();

        (await Sender().SendOnceAsync(mail, default)).ShouldBeTrue();

        sendGrid.Requests.Count.ShouldBe(2);
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
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task SendOnce_Other4xx_NeverRetried(int status)
    {
        sendGrid.Then(status);

        await Should.ThrowAsync<MailRejectedException>(() => Sender().SendOnceAsync(Mail(), default));

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

        var failure = await Should.ThrowAsync<HttpRequestException>(() => Sender(maxRetries: 2).SendOnceAsync(mail, default));

        failure.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        sendGrid.Requests.Count.ShouldBe(3);
        (await OutboxRecordAsync(mail.OutboxId)).GetString("State").ShouldBe(OutboxState.Pending);
    }

    [Fact]
    public async Task SendOnce_AttemptTimesOut_RetriedWithANewRequest()
    {
        sendGrid.Then(202, new Dictionary<string, string> { ["X-Message-Id"] = "too-late" }, delay: TimeSpan.FromSeconds(3));
        var mail = Mail();

        (await Sender(attemptTimeoutSeconds: 1).SendOnceAsync(mail, default)).ShouldBeTrue();

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
            "assignment, collaborator and acknowledgement posted to SendGrid (they go in parallel: one of them twice, after the fake's 503)");
        sendGrid.Requests.ShouldAllBe(r => r.Path == "/v3/mail/send" && r.Authorization == "Bearer " + ApiKey);
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

    private MailSender Sender(int maxRetries = 3, int attemptTimeoutSeconds = 10)
    {
        var options = Options.Create(new SendGridOptions
        {
            ApiKey = ApiKey,
            BaseUrl = sendGrid.BaseUrl.ToString(),
            MaxRetries = maxRetries,
            BaseDelayMs = 20,
            AttemptTimeoutSeconds = attemptTimeoutSeconds,
        });
        var transport = new SendGridTransport(new HttpClient(), Options.Create(new MailOptions()), options, TimeProvider.System,
            NullLogger<SendGridTransport>.Instance);
        return new MailSender(new TableMailOutbox(fixture.Storage.Account), transport, TimeProvider.System, NullLogger<MailSender>.Instance);
    }

    private static string? OutboxIdOf(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("outbox_id").GetString();

    private Task<TableEntity> OutboxRecordAsync(string outboxId) => fixture.Storage.OutboxRecordAsync(outboxId);

    private static OutboundMail Mail() =>
        new($"D-{Guid.NewGuid():N}.thank-you", "thank-you", new Recipient("curator@museum.example", "A. Curator"),
            "Thank you for your donation", "Thank you.\nThe Wikimedia movement", "<p>Thank you.</p>", "en");
}
