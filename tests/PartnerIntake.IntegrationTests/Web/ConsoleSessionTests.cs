using System.Net;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>Console sessions end on the server: a cookie saved before sign-out, or issued under another admin key, opens nothing.</summary>
[Collection(WebCollection.Name)]
public class ConsoleSessionTests(WebAppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task SignOut_SavedCookieReplayed_NotAdmitted()
    {
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin");
        await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);
        var saved = client.Cookies.GetCookies(new Uri(App.WebAddress, "/admin/")).Single(c => c.Name == "pi-console").Value;
        (await GetWithCookieAsync(App.WebAddress, saved)).ShouldBe(HttpStatusCode.OK);
        await client.GetAsync("/admin/signin");

        var (signedOut, _) = await client.PostAsync("/admin/signin?handler=SignOut", []);
        var replayed = await GetWithCookieAsync(App.WebAddress, saved);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.ShouldBe(HttpStatusCode.Redirect); // to the sign-in page, as without a cookie
    }

    [Fact]
    public async Task AdminKeyChanged_CookieIssuedUnderTheOldKey_NotAdmitted()
    {
        var cookie = await SignInAsync(App, AppProcess.AdminKey);
        // The same storage (so the same Data Protection keys and sessions), restarted with another admin key.
        await using var restarted = await AppProcess.StartAsync(fixture.Azurite.ConnectionString,
            settings: new Dictionary<string, string> { ["Admin__Key"] = "another-admin-key-after-rotation" });

        var onTheOldKey = await GetWithCookieAsync(App.WebAddress, cookie);
        var onTheNewKey = await GetWithCookieAsync(restarted.WebAddress, cookie);

        onTheOldKey.ShouldBe(HttpStatusCode.OK); // the cookie itself is sound
        onTheNewKey.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>Signs in and returns the console cookie's value.</summary>
    private static async Task<string> SignInAsync(AppProcess app, string key)
    {
        using var client = new PageClient(app);
        await client.GetAsync("/admin/signin");
        var (response, _) = await client.PostAsync("/admin/signin", [new("key", key)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client.Cookies.GetCookies(new Uri(app.WebAddress, "/admin/")).Single(c => c.Name == "pi-console").Value;
    }

    /// <summary>A fresh client sending only the saved cookie, as an attacker who copied it would.</summary>
    private static async Task<HttpStatusCode> GetWithCookieAsync(Uri web, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = web };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/routing");
        request.Headers.Add("Cookie", $"pi-console={cookie}");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
