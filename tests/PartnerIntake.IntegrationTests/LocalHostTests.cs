using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>The Functions app's two ways of running: the isolated worker under the host, and the local host without it.</summary>
[Collection(AppCollection.Name)]
public class LocalHostTests(AppFixture fixture)
{
    [Fact]
    public async Task Executable_WithTheHostsArguments_RunsTheWorkerWhichDialsTheHostsGrpcEndpoint()
    {
        var port = Ports.Free(); // nothing listens there: the worker's connection is refused and it stops
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Repo.AppDll, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", Guid.NewGuid().ToString(),
                "--functions-request-id", Guid.NewGuid().ToString(), "--functions-grpc-max-message-length", "2147483647",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString;
        start.Environment["Links__SigningKey"] = AppProcess.SigningKey;
        using var worker = Process.Start(start)!;
        var output = worker.StandardOutput.ReadToEndAsync();
        var errors = worker.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await worker.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            worker.Kill(entireProcessTree: true);
        }

        var all = await output + await errors;
        all.ShouldContain("Grpc.Core.RpcException");
        all.ShouldNotContain("listening on queue"); // the local host did not start
    }

    [Fact]
    public async Task LocalHost_StartedWithoutTheHostsArguments_ServesTheTriggersAndListensOnTheQueue()
    {
        (await fixture.App.Http.GetAsync("/api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        fixture.App.Output.ShouldContain("RouteInquiry listening on queue inquiries");
        fixture.App.Output.ShouldContain("EscalateAssignments scheduled: 0 5 * * * *");
        fixture.App.Output.ShouldContain("SendRecognitions scheduled: 0 */10 * * * *");
    }

    [Fact]
    public async Task LocalHost_FunctionLevelRoutesWithoutTheKey_401AndAnonymousRoutesOpen()
    {
        using var noKey = await fixture.App.Http.GetAsync("/api/routing/tables");
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/routing/tables");
        wrongKey.Headers.Add("x-functions-key", "not-the-key");
        using var wrong = await fixture.App.Http.SendAsync(wrongKey);
        using var codeQuery = await fixture.App.Http.GetAsync($"/api/routing/tables?code={AppProcess.AdminKey}");

        noKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        codeQuery.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.App.Http.GetAsync("/api/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminFunctions_RouteInquiryWithAStoredInquiry_RoutesItOnce()
    {
        var reference = await StoreUnqueuedInquiryAsync();

        using var response = await fixture.App.SendAdminAsync(HttpMethod.Post, "/admin/functions/RouteInquiry",
            JsonContent.Create(new { input = $$"""{"inquiryId":"{{reference}}"}""" }));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await fixture.App.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("routed");
        fixture.App.OutboxFiles(reference).ShouldContain($"{reference}.assignment.1.eml");
    }

    [Fact]
    public async Task AdminFunctions_MalformedMessageOrUnknownFunction_ClearProblemNot500()
    {
        using var malformed = await fixture.App.SendAdminAsync(HttpMethod.Post, "/admin/functions/RouteInquiry", JsonContent.Create(new { input = "{\"inquiryId\":\"nonsense\"}" }));
        using var unknown = await fixture.App.SendAdminAsync(HttpMethod.Post, "/admin/functions/NoSuchFunction", JsonContent.Create(new { input = "x" }));
        using var http = await fixture.App.SendAdminAsync(HttpMethod.Post, "/admin/functions/SubmitInquiry", JsonContent.Create(new { input = "x" }));

        malformed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(nameof(FormatException));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        http.StatusCode.ShouldBe(HttpStatusCode.NotFound); // an HTTP function is called over HTTP
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
        using var page = await app.Web.SendAsync(request);
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
