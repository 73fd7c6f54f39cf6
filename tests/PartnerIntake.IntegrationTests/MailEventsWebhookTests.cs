using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>Its own Azurite and app, started with the public half of a key pair the test signs with.</summary>
public sealed class SignedWebhookFixture : IAsyncLifetime
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Azurite Azurite { get; private set; } = null!;

    public AppProcess App { get; private set; } = null!;

    public StorageProbe Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = new StorageProbe(Azurite.ConnectionString);
        App = await AppProcess.StartAsync(Azurite.ConnectionString, settings: new Dictionary<string, string>
        {
            ["SendGrid__WebhookPublicKey"] = Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo()),
        });
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        Key.Dispose();
    }
}

/// <summary>POST /api/mail/events end to end: the signed Event Webhook through the real app into Azurite.</summary>
public class MailEventsWebhookTests(SignedWebhookFixture fixture) : IClassFixture<SignedWebhookFixture>
{
    private const string Recipient = "curator.webhook@museum.example";

    [Fact]
    public async Task Post_SignedEventsTwice_StoredOnceAndDeliveryStatusUpdated()
    {
        var delivered = await SentOutboxRecordAsync("thank-you");
        var bounced = await SentOutboxRecordAsync("impact");
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var body = $$"""
            [{"email":"{{Recipient}}","event":"processed","sg_event_id":"{{Guid.NewGuid():N}}","sg_message_id":"msg-d.filter-1","timestamp":{{now - 5}},"outbox_id":"{{delivered}}","category":["thank-you"]},
             {"email":"{{Recipient}}","event":"delivered","sg_event_id":"{{Guid.NewGuid():N}}","sg_message_id":"msg-d.filter-1","timestamp":{{now - 2}},"outbox_id":"{{delivered}}","response":"250 OK"},
             {"email":"{{Recipient}}","event":"bounce","sg_event_id":"{{Guid.NewGuid():N}}","sg_message_id":"msg-b.filter-2","timestamp":{{now - 1}},"outbox_id":"{{bounced}}","donation_id":"D-WEBHOOK","type":"bounce","status":"5.1.1","reason":"550 5.1.1 <{{Recipient}}>: Recipient address rejected"}]
            """ + "\r\n";

        using var first = await PostAsync(body, Sign(body, now));
        using var second = await PostAsync(body, Sign(body, now));

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var firstOutcome = await first.Content.ReadFromJsonAsync<JsonElement>();
        firstOutcome.GetProperty("stored").GetInt32().ShouldBe(3);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var secondOutcome = await second.Content.ReadFromJsonAsync<JsonElement>();
        secondOutcome.GetProperty("stored").GetInt32().ShouldBe(0);
        secondOutcome.GetProperty("duplicates").GetInt32().ShouldBe(3);

        (await fixture.Storage.CountRowsAsync(TableNames.MailEvents, delivered)).ShouldBe(2);
        (await fixture.Storage.CountRowsAsync(TableNames.MailEvents, bounced)).ShouldBe(1);
        var deliveredRecord = await OutboxRecordAsync(delivered);
        deliveredRecord.GetString("DeliveryStatus").ShouldBe(MailEventTypes.Delivered);
        deliveredRecord.GetDateTimeOffset("DeliveryAt").ShouldBe(DateTimeOffset.FromUnixTimeSeconds(now - 2));
        deliveredRecord.GetString("State").ShouldBe(OutboxState.Sent);
        (await OutboxRecordAsync(bounced)).GetString("DeliveryStatus").ShouldBe(MailEventTypes.Bounce);

        var bounceRow = (await EventRowsAsync(bounced)).Single();
        bounceRow.GetString("DonationId").ShouldBe("D-WEBHOOK");
        bounceRow.GetBoolean("Applied").ShouldBe(true);
        bounceRow.Select(kv => kv.Value?.ToString() ?? "").ShouldAllBe(v => !v.Contains(Recipient));
        fixture.App.Output.ShouldNotContain(Recipient);
    }

    [Fact]
    public async Task Post_UnsignedWronglySignedTamperedOrStale_401AndNothingStored()
    {
        var outboxId = await SentOutboxRecordAsync("thank-you");
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var body = $$"""[{"email":"{{Recipient}}","event":"delivered","sg_event_id":"{{Guid.NewGuid():N}}","sg_message_id":"m.1","timestamp":{{now}},"outbox_id":"{{outboxId}}"}]""";
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tampered = body.Replace("delivered", "bounce", StringComparison.Ordinal);

        var answers = new List<HttpStatusCode>();
        foreach (var (postBody, signature) in new (string, (string, string)?)[]
                 {
                     (body, null),                                   // unsigned
                     (body, Sign(body, now, stranger)),              // another key
                     (tampered, Sign(body, now)),                    // body changed after signing
                     (body, (Sign(body, now).Timestamp, Sign(body, now + 1).Signature)), // signature of another timestamp
                     (body, Sign(body, now - 2 * 86400)),            // two days old: beyond any retry
                 })
        {
            using var response = await PostAsync(postBody, signature);
            answers.Add(response.StatusCode);
        }

        answers.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        (await fixture.Storage.CountRowsAsync(TableNames.MailEvents, outboxId)).ShouldBe(0);
        (await OutboxRecordAsync(outboxId)).ContainsKey("DeliveryStatus").ShouldBeFalse();
    }

    [Fact]
    public async Task Post_SignedButNotAnArray_400()
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        const string body = """{"event":"delivered"}""";

        using var response = await PostAsync(body, Sign(body, now));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_OverOneMebibyte_413()
    {
        var body = "[" + new string(' ', 1024 * 1024) + "]";

        using var response = await PostAsync(body, Sign(body, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_SignedBounceOfARecognitionNotice_FlagsTheDonationForAdmins()
    {
        using var recorded = await fixture.App.SendAdminAsync(HttpMethod.Post, "/api/donations", new StringContent("""
            { "institution": { "name": "Museo del Prado", "country": "ES" },
              "contact": { "name": "Ana García", "email": "ana@example.es", "language": "es" },
              "collection": { "title": "Goya drawings", "commonsCategory": "Category:Drawings by Goya in the Prado", "files": 120, "license": "CC0 1.0" },
              "donatedOn": "2026-10-15", "creditLine": "Museo Nacional del Prado" }
            """, Encoding.UTF8, "application/json"));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var body = $$"""
            [{"email":"ana@example.es","event":"bounce","sg_event_id":"{{Guid.NewGuid():N}}","sg_message_id":"msg-p.filter-9","timestamp":{{now}},"outbox_id":"{{id}}.thank-you.1","donation_id":"{{id}}","type":"bounce","status":"5.1.1"}]
            """ + "\r\n";

        using var response = await PostAsync(body, Sign(body, now));
        using var donation = await fixture.App.SendAdminAsync(HttpMethod.Get, $"/api/donations/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await donation.Content.ReadFromJsonAsync<JsonElement>();
        shown.GetProperty("bounced").GetBoolean().ShouldBeTrue();
        shown.GetProperty("bounceEvent").GetString().ShouldBe("bounce");
    }

    private async Task<HttpResponseMessage> PostAsync(string body, (string Timestamp, string Signature)? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail/events")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", "application/json" } } },
        };
        if (signature is { } s)
        {
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", s.Timestamp);
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", s.Signature);
        }

        return await fixture.App.Http.SendAsync(request);
    }

    /// <summary>As SendGrid signs: ECDSA P-256/SHA-256, DER, over timestamp + raw body.</summary>
    private (string Timestamp, string Signature) Sign(string body, long timestamp, ECDsa? key = null)
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var signature = (key ?? fixture.Key).SignData(Encoding.UTF8.GetBytes(ts + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (ts, Convert.ToBase64String(signature));
    }

    private async Task<string> SentOutboxRecordAsync(string kind)
    {
        var outboxId = $"D-{Guid.NewGuid():N}.{kind}";
        var outbox = new TableMailOutbox(fixture.Storage.Account);
        var now = TimeProvider.System.GetUtcNow();
        await outbox.AddClaimedOrGetAsync(new OutboundMail(outboxId, kind, new Recipient(Recipient, "A. Curator"), "Thank you", "text", "<p>html</p>", "en"),
            now, now.AddMinutes(2), CancellationToken.None);
        await outbox.SettleAsync([new MailSettlement(outboxId, now, "msg-" + outboxId, null)], CancellationToken.None);
        return outboxId;
    }

    private Task<TableEntity> OutboxRecordAsync(string outboxId) => fixture.Storage.OutboxRecordAsync(outboxId);

    private async Task<IReadOnlyList<TableEntity>> EventRowsAsync(string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in fixture.Storage.Table(TableNames.MailEvents).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>The shared app has no webhook key: the endpoint says so rather than accepting unverifiable posts.</summary>
[Collection(AppCollection.Name)]
public class MailEventsWebhookUnconfiguredTests(AppFixture fixture)
{
    [Fact]
    public async Task Post_NoPublicKeyConfigured_503()
    {
        using var response = await fixture.App.Http.PostAsync("/api/mail/events",
            new StringContent("""[{"event":"delivered","sg_event_id":"x"}]""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
