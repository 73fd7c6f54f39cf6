using System.Net;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>
/// An app deployed as in Azure: an https public address (TLS ends at the proxy; the app itself is reached over http),
/// and a small limit on wrong admin keys so that the Functions app's throttle can be reached quickly.
/// </summary>
public sealed class SecureDeploymentFixture : AppFixture
{
    public const int FailurePermitLimit = 3;

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["App__PublicBaseUrl"] = "https://partners.example.org",
        ["Admin__FailurePermitLimit"] = FailurePermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class SecureDeploymentCollection : ICollectionFixture<SecureDeploymentFixture>
{
    public const string Name = "https public address on its own Azurite";
}

[Collection(SecureDeploymentCollection.Name)]
public class SecureDeploymentTests(SecureDeploymentFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task SignIn_HttpsPublicUrl_ConsoleAndAntiforgeryCookiesSecureAndHsts()
    {
        // Cookies by hand: a cookie container would not send Secure cookies back over the test's plain http.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = App.WebAddress };
        using var page = await http.GetAsync("/admin/signin");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pi-antiforgery=", StringComparison.Ordinal));
        var fields = PageClient.HiddenFields(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/signin")
        {
            Content = new FormUrlEncodedContent(fields.Append(new("key", AppProcess.AdminKey))),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);

        using var signedIn = await http.SendAsync(post);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var console = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pi-console=", StringComparison.Ordinal));
        console.ShouldContain("secure", Case.Insensitive);
        antiforgery.ShouldContain("secure", Case.Insensitive);
        page.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000");
        signedIn.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000");
    }

    [Fact]
    public async Task AdminEndpoints_WrongKeysOverTheLimit_429WithRetryAfterEvenWithTheRightKeyAndNoKeyLogged()
    {
        var logBefore = App.Output.Length;
        for (var i = 0; i <= SecureDeploymentFixture.FailurePermitLimit; i++)
        {
            using var noKey = await App.Http.GetAsync("/admin/storage/requests");
            noKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // no key at all is no guess: not counted
        }

        for (var i = 0; i < SecureDeploymentFixture.FailurePermitLimit; i++)
        {
            using var wrong = await SendAsync(HttpMethod.Get, "/admin/storage/requests", $"guess-{i}-of-the-key");
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var rightKey = await SendAsync(HttpMethod.Get, "/admin/storage/requests", AppProcess.AdminKey);
        using var functionKey = await SendAsync(HttpMethod.Post, "/api/routing/explain", AppProcess.AdminKey);

        foreach (var response in new[] { rightKey, functionKey })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32().ShouldBe(429);
        }

        // The apps' output is read asynchronously: wait for the line, then check what it (and everything else) says.
        await Eventually.HoldsAsync(() => Task.FromResult(App.Output[logBefore..].Contains("wrong admin keys from one client", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the throttle logged");
        var log = App.Output[logBefore..];
        log.ShouldNotContain("of-the-key");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null };
        request.Headers.Add("x-functions-key", key);
        return App.Http.SendAsync(request);
    }
}
