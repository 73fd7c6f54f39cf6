using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(AppCollection.Name)]
public class HostingModeTests(AppFixture fixture)
{
    public static TheoryData<string> Encodings() => new("object", "json-string", "double-encoded");

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task CustomHandler_RouteInquiryInvocation_RoutesAndAnswersHostJson(string encoding)
    {
        await using var functions = await AppProcess.StartAsync(fixture.Azurite.ConnectionString, functionsMode: true);
        var reference = await StoreUnqueuedInquiryAsync();
        var message = $$"""{"inquiryId":"{{reference}}"}""";
        var data = encoding switch
        {
            "object" => message,
            "json-string" => JsonSerializer.Serialize(message),
            _ => JsonSerializer.Serialize(JsonSerializer.Serialize(message)),
        };
        var body = $$"""
            { "Data": { "message": {{data}} },
              "Metadata": { "DequeueCount": 1, "Id": "{{Guid.NewGuid()}}", "sys": { "MethodName": "RouteInquiry" } } }
            """;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/RouteInquiry") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        using var response = await functions.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("Outputs").ValueKind.ShouldBe(JsonValueKind.Object);
        answer.GetProperty("Logs").GetArrayLength().ShouldBeGreaterThan(0);
        answer.TryGetProperty("ReturnValue", out _).ShouldBeTrue();
        (await functions.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("routed");
        functions.OutboxFiles(reference).ShouldContain($"{reference}.assignment.1.eml");
        functions.OutboxFiles(reference).ShouldContain($"{reference}.acknowledgement.eml");
    }

    [Fact]
    public async Task CustomHandler_TimerInvocationWithNullScheduleStatus_RunsEscalateAssignments()
    {
        await using var functions = await AppProcess.StartAsync(fixture.Azurite.ConnectionString, functionsMode: true);

        using var response = await functions.Http.PostAsync("/EscalateAssignments", new StringContent(
            """{ "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": null, "IsPastDue": true } }, "Metadata": { "sys": { "MethodName": "EscalateAssignments" } } }""",
            System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Logs")[0].GetString().ShouldBe("EscalateAssignments completed");
        await Eventually.HoldsAsync(() => Task.FromResult(functions.Output.Contains("(past due: True)", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the run logged");
        functions.Output.ShouldNotContain("EscalateAssignments scheduled"); // the host owns schedules in Functions mode
    }

    [Fact]
    public async Task CustomHandler_FailingInvocation_AnswersNon2xxSoTheHostRetries()
    {
        await using var functions = await AppProcess.StartAsync(fixture.Azurite.ConnectionString, functionsMode: true);

        using var response = await functions.Http.PostAsync("/RouteInquiry", new StringContent(
            """{ "Data": { "message": "{\"inquiryId\":\"nonsense\"}" }, "Metadata": { "DequeueCount": 1 } }""",
            System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).ShouldBe(500);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }

    [Fact]
    public async Task FunctionsMode_ForwardedHttpAndReadinessProbe_AreServedAndNoQueueIsPolled()
    {
        await using var functions = await AppProcess.StartAsync(fixture.Azurite.ConnectionString, functionsMode: true);

        (await functions.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await functions.Http.GetAsync("/api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        functions.BaseAddress.Host.ShouldBe("127.0.0.1");
        functions.Output.ShouldNotContain("listening on queue");
    }

    [Fact]
    public async Task FunctionsMode_Console_LivesUnderConsoleBecauseTheHostOwnsAdmin()
    {
        await using var functions = await AppProcess.StartAsync(fixture.Azurite.ConnectionString, functionsMode: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console");
        request.Headers.Accept.ParseAdd("text/html");

        using var console = await functions.Http.SendAsync(request);
        using var signIn = await functions.Http.GetAsync("/console/signin");
        using var admin = await functions.Http.GetAsync("/admin/signin");

        console.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/console/signin"); // redirected to sign in
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signIn.Content.ReadAsStringAsync()).ShouldContain("<h1>Sign in</h1>");
        admin.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StandaloneMode_InvocationEndpoint_IsNotExposed()
    {
        using var response = await fixture.App.Http.PostAsync("/RouteInquiry", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        fixture.App.Output.ShouldContain("RouteInquiry listening on queue inquiries");
    }

    [Fact]
    public async Task Submit_StorageUnreachable_Answers503AndHealthSaysUnreachable()
    {
        var dead = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                   $"QueueEndpoint=http://127.0.0.1:{Ports.Free()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{Ports.Free()}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{Ports.Free()}/devstoreaccount1;";
        await using var app = await AppProcess.StartAsync(dead, waitForHealthy: false);

        using var response = await app.SubmitAsync(Inquiries.Valid);
        using var health = await app.Http.GetAsync("/api/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        // A person on the status page gets a page in their language, not JSON.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/PI-AAAA-BBBB-CCCC-DDDD");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd("de");
        using var page = await app.Http.SendAsync(request);
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<html lang=\"de\"");
    }

    private async Task<string> StoreUnqueuedInquiryAsync()
    {
        using var document = JsonDocument.Parse(Inquiries.Valid);
        var submission = InquiryValidator.Validate(document.RootElement).Value!;
        var reference = InquiryReference.New();
        await new TableInquiryStore(fixture.Storage.Account).InsertAsync(
            new Inquiry(reference, submission, InquiryStatus.Received, new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)), default);
        return reference;
    }
}
