using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.IntegrationTests.Web;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// The public intake is not a mail relay: per-client limits shared by the API and the form and by every instance,
/// and at most a few acknowledgements per address per day. The app runs with the default limits; each test is its
/// own client (X-Forwarded-For from loopback) and starts in a fresh window of the app's clock.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class IntakeLimitsTests(LimitsAppFixture fixture)
{
    private static int clients;

    private AppProcess App => fixture.App;

    [Fact]
    public async Task SubmitInquiry_OverTheClientLimit_429WithRetryAfterAndNothingStored()
    {
        await FreshWindowAsync();
        using var api = ApiClient(NewClientAddress());
        for (var i = 0; i < LimitsAppFixture.PermitLimit; i++)
        {
            using var accepted = await SubmitAsync(api, Inquiries.Valid);
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var inquiries = await fixture.Storage.CountInquiriesAsync();
        using var refused = await SubmitAsync(api, Inquiries.Valid);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(10));
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(429);
        await (await OpenApiContract.LoadAsync(App.Http)).ShouldMatchAsync(refused, "post", "/api/inquiries");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(inquiries);

        using var other = ApiClient(NewClientAddress());
        using var fine = await SubmitAsync(other, Inquiries.Valid);
        fine.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("contact.name", "Winner, visit http://scam.example")]
    [InlineData("contact.name", "Winner prize@scam.example")]
    [InlineData("contact.role", "see www.scam.example")]
    [InlineData("organization.name", "Prize http://scam.example")]
    public async Task SubmitInquiry_LinkOrAddressInAName_400NamingTheFieldAndNothingStored(string path, string value)
    {
        var inquiries = await fixture.Storage.CountInquiriesAsync();
        var parts = path.Split('.');

        using var response = await App.SubmitAsync(Inquiries.With(n => n[parts[0]]![parts[1]] = value));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty(path)[0].GetString().ShouldBe("Must not contain links, web addresses or e-mail addresses.");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(inquiries);
    }

    [Fact]
    public async Task FormAndApi_OneClient_ShareOneBudget()
    {
        await FreshWindowAsync();
        var address = NewClientAddress();
        using var form = new PageClient(App, address);
        await form.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the minimum fill time in this collection is 1 s
        for (var i = 0; i < LimitsAppFixture.PermitLimit / 2; i++)
        {
            var (accepted, _) = await form.PostAsync("/", FormFields.Valid($"Shared budget museum {i}"));
            accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            accepted.Headers.Location!.ToString().ShouldStartWith("/confirmation");
        }

        using var api = ApiClient(address);
        for (var i = LimitsAppFixture.PermitLimit / 2; i < LimitsAppFixture.PermitLimit; i++)
        {
            using var accepted = await SubmitAsync(api, Inquiries.Valid);
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var refusedByApi = await SubmitAsync(api, Inquiries.Valid);
        refusedByApi.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var (refusedByForm, _) = await form.PostAsync("/", FormFields.Valid("One more museum"));
        refusedByForm.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refusedByForm.Headers.Location!.ToString().ShouldBe("/busy");
        var (busy, _) = await form.GetAsync("/busy");
        busy.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task PartnerForm_OverTheClientLimit_BusyPageOthersUnaffected()
    {
        await FreshWindowAsync();
        using var client = new PageClient(App, NewClientAddress());
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        for (var i = 0; i < LimitsAppFixture.PermitLimit; i++)
        {
            var (accepted, _) = await client.PostAsync("/", FormFields.Valid($"Busy museum {i}"));
            accepted.Headers.Location!.ToString().ShouldStartWith("/confirmation");
        }

        var inquiries = await fixture.Storage.CountInquiriesAsync();
        var (limited, _) = await client.PostAsync("/", FormFields.Valid("Busy museum, once too often"));
        limited.Headers.Location!.ToString().ShouldBe("/busy");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(inquiries);

        using var other = new PageClient(App, NewClientAddress());
        await other.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var (fine, _) = await other.PostAsync("/", FormFields.Valid("Another museum"));
        fine.Headers.Location!.ToString().ShouldStartWith("/confirmation");
    }

    [Fact]
    public async Task RouteInquiry_FourthAcknowledgementToOneAddressInADay_WithheldButRoutedAndAudited()
    {
        var victim = $"victim-{Guid.NewGuid():N}@example.org";
        var references = new List<string>();
        for (var i = 0; i <= LimitsAppFixture.MailsPerAddressPerDay; i++)
        {
            // Each from another client, the last with a +tag: neither gets round the cap.
            using var api = ApiClient(NewClientAddress());
            var email = i == LimitsAppFixture.MailsPerAddressPerDay ? victim.Replace("@", "+again@", StringComparison.Ordinal) : victim;
            using var response = await SubmitAsync(api, Inquiries.With(n => n["contact"]!["email"] = email));
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
            await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
                TimeSpan.FromSeconds(20), $"inquiry {i} routed");
            references.Add(reference);
        }

        foreach (var reference in references[..^1])
        {
            File.Exists(Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml")).ShouldBeTrue(reference);
        }

        var last = references[^1];
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{last}.assignment.1.eml"))),
            TimeSpan.FromSeconds(10), "the assignment mail of the fourth inquiry");
        File.Exists(Path.Combine(App.OutboxPath, $"{last}.acknowledgement.eml")).ShouldBeFalse();
        (await fixture.Storage.CountMailsAsync(last + ".acknowledgement")).ShouldBe(0);
        var trail = await TrailAsync(last);
        trail.GetProperty("trail")[0].GetProperty("action").GetString().ShouldBe("assigned");
        trail.GetProperty("trail")[0].GetProperty("reason").GetString()!.ShouldStartWith("acknowledgement withheld");
    }

    [Fact]
    public async Task HandOnNotice_AddressAtItsDailyCap_WithheldWhileTheInquiryIsHandedOn()
    {
        var partner = $"busy-{Guid.NewGuid():N}@example.org";
        var references = new List<string>();
        for (var i = 0; i < LimitsAppFixture.MailsPerAddressPerDay; i++)
        {
            using var api = ApiClient(NewClientAddress());
            using var response = await SubmitAsync(api, Inquiries.With(n => n["contact"]!["email"] = partner));
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
            await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml"))),
                TimeSpan.FromSeconds(20), $"acknowledgement {i}");
            references.Add(reference);
        }

        // The day's three acknowledgements used the address's cap; a decline now hands the first inquiry on.
        var first = references[0];
        using var declined = await App.PostLinkAsync(App.Link(first, 1, "Decline"), new() { ["reason"] = "No capacity this year." });

        declined.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{first}.assignment.2.eml"))),
            TimeSpan.FromSeconds(10), "the next entity's assignment mail");
        File.Exists(Path.Combine(App.OutboxPath, $"{first}.handed-on.2.eml")).ShouldBeFalse();
        (await fixture.Storage.CountMailsAsync(first + ".handed-on")).ShouldBe(0);
        (await App.StatusAsync(first)).GetProperty("status").GetString().ShouldBe("routed");
        App.Output.ShouldNotContain(partner);
    }

    [Fact]
    public async Task TryAcquire_TwoInstancesOverOneStorage_ShareOneCount()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 1, 0, TimeSpan.Zero));
        var intake = Options.Create(new IntakeOptions());
        var keys = new LimitKeys(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }));
        var first = new TableSubmissionLimiter(StorageClients.Connect(fixture.Azurite.ConnectionString), keys, intake, time);
        var second = new TableSubmissionLimiter(StorageClients.Connect(fixture.Azurite.ConnectionString), keys, intake, time);
        var client = NewClientAddress();

        // Concurrently, alternating instances: exactly the limit is allowed, whichever instance counted.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 3 * intake.Value.PermitLimit)
            .Select(i => (i % 2 == 0 ? first : second).TryAcquireAsync(client, default)));

        decisions.Count(d => d.Allowed).ShouldBe(intake.Value.PermitLimit);
        decisions.ShouldAllBe(d => d.WindowEnds == new DateTimeOffset(2026, 12, 2, 9, 10, 0, TimeSpan.Zero));
        (await first.TryAcquireAsync(client, default)).Allowed.ShouldBeFalse();
        (await second.TryAcquireAsync(client, default)).Allowed.ShouldBeFalse();

        time.Advance(TimeSpan.FromMinutes(9)); // the next window starts afresh
        (await second.TryAcquireAsync(client, default)).Allowed.ShouldBeTrue();
        (await first.TryAcquireAsync(client, default)).Allowed.ShouldBeTrue();
    }

    private static string NewClientAddress() => $"203.0.113.{Interlocked.Increment(ref clients)}";

    private HttpClient ApiClient(string address)
    {
        var http = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, string json) =>
        http.PostAsync("/api/inquiries", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Moves the apps' clocks to one minute into the next 10-minute window, so a test never straddles two.</summary>
    private async Task FreshWindowAsync()
    {
        var now = await App.NowAsync();
        var window = TimeSpan.FromMinutes(10);
        await App.AdvanceClockToAsync(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero) + window + TimeSpan.FromMinutes(1));
    }

    private async Task<JsonElement> TrailAsync(string reference)
    {
        using var response = await App.SendAdminAsync(HttpMethod.Get, $"/api/inquiries/{reference}/trail");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
