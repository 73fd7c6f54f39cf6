using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// One limit (Uploads:MaxBytes, 2 MiB by default) on every upload path, on the body as sent: limit + 1 bytes is a 413
/// (problem+json on the API, the error page in the console), a body of exactly the limit is judged on its content only.
/// </summary>
[Collection(AppCollection.Name)]
public class UploadLimitsTests(AppFixture fixture)
{
    private const int Limit = UploadOptions.DefaultMaxBytes;

    private AppProcess App => fixture.App;

    public static TheoryData<string, string> ApiUploads => new()
    {
        { "/api/routing/import", "json" },
        { "/api/routing/import", "multipart" },
        { "/api/routing/dry-run", "json" },
        { "/api/donations/import", "csv" },
        { "/api/donations/import", "multipart" },
        { "/api/recognition/metrics", "csv" },
        { "/api/recognition/metrics", "multipart" },
    };

    [Theory]
    [MemberData(nameof(ApiUploads))]
    public async Task ApiUpload_OneByteOverTheLimit_413ProblemAndNothingChanged(string path, string kind)
    {
        var liveBefore = await LiveVersionAsync();

        using var response = await App.SendAdminAsync(HttpMethod.Post, path, Body(kind, Limit + 1));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain($"at most {Limit} bytes");
        (await LiveVersionAsync()).ShouldBe(liveBefore);
    }

    [Theory]
    [MemberData(nameof(ApiUploads))]
    public async Task ApiUpload_ExactlyTheLimit_JudgedOnItsContentOnly(string path, string kind)
    {
        using var response = await App.SendAdminAsync(HttpMethod.Post, path, Body(kind, Limit));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync()); // incomplete or not CSV, not too large
    }

    [Fact]
    public async Task ApiUpload_ChunkedWithoutLength_RefusedOnceTheLimitIsPassed()
    {
        using var response = await App.SendAdminAsync(HttpMethod.Post, "/api/routing/import", new CountingContent(Limit + 1, "application/json", announceLength: false));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ApiUpload_LargeBodyAnnounced_RefusedBeforeItIsSent()
    {
        var content = new CountingContent(64 * 1024 * 1024, "text/csv", announceLength: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/donations/import") { Content = content };
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        request.Headers.ExpectContinue = true;

        using var response = await App.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        content.Sent.ShouldBeLessThan(Limit); // the server answered on Content-Length, without asking for the body
    }

    [Fact]
    public async Task ConsoleRoutingUpload_OneByteOverTheLimit_413PageAndAtTheLimitJudgedOnContent()
    {
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin");
        (await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)])).Response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, before) = await client.GetAsync("/admin/routing");
        var token = client.Hidden["__RequestVerificationToken"];

        var (tooLarge, page) = await client.PostMultipartAsync("/admin/routing?handler=Check", ConsoleForm(token, Limit + 1));
        var (atLimit, checkedPage) = await client.PostMultipartAsync("/admin/routing?handler=Check", ConsoleForm(token, Limit));

        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        page.ShouldContain("Too much data");
        atLimit.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // regions and topics missing: a content error
        checkedPage.ShouldContain("No file chosen, or the file is empty.");
    }

    /// <summary>A body of exactly <paramref name="size"/> bytes that is well-formed for its kind but not a valid upload.</summary>
    private static HttpContent Body(string kind, int size)
    {
        switch (kind)
        {
            case "json":
                const string start = "{\"entities\":\"", end = "\"}";
                return Bytes(Encoding.UTF8.GetBytes(start + new string('x', size - start.Length - end.Length) + end), "application/json");
            case "csv":
                return Bytes(Encoding.UTF8.GetBytes(new string('x', size)), "text/csv");
            default:
                const string boundary = "limit-boundary";
                var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"entities\"; filename=\"file.csv\"\r\nContent-Type: text/csv\r\n\r\n";
                var tail = $"\r\n--{boundary}--\r\n";
                var content = Bytes(Encoding.UTF8.GetBytes(head + new string('x', size - head.Length - tail.Length) + tail), "multipart/form-data");
                content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("boundary", boundary));
                return content;
        }
    }

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>The console's check form with the token and an entities file, padded to exactly <paramref name="size"/> bytes.</summary>
    private static MultipartFormDataContent ConsoleForm(string token, int size)
    {
        MultipartFormDataContent Build(int padding) => new("console-limit-boundary")
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(new string('x', padding + 1))), "entities", "entities.csv" },
        };

        using var probe = Build(0);
        var overhead = probe.Headers.ContentLength!.Value - 1;
        return Build(size - (int)overhead - 1);
    }

    private async Task<string> LiveVersionAsync()
    {
        using var response = await App.SendAdminAsync(HttpMethod.Get, "/api/routing/tables");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A body of <c>x</c>s that counts what was actually sent; with or without a Content-Length.</summary>
    private sealed class CountingContent : HttpContent
    {
        private readonly long length;
        private readonly bool announceLength;

        public CountingContent(long length, string mediaType, bool announceLength)
        {
            this.length = length;
            this.announceLength = announceLength;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
            while (Sent < length)
            {
                var count = (int)Math.Min(chunk.Length, length - Sent);
                await stream.WriteAsync(chunk.AsMemory(0, count));
                Sent += count;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = this.length;
            return announceLength;
        }
    }
}
