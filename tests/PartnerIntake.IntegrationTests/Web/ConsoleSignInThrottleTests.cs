using System.Net;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>Guessing the admin key on the console's sign-in form: 10 wrong keys per client and minute, then 429.</summary>
[Collection(WebCollection.Name)]
public class ConsoleSignInThrottleTests(WebAppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task SignIn_TenWrongKeys_NextAttempt429WithRetryAfterEvenWithTheRightKey()
    {
        using var guesser = new PageClient(App, clientAddress: "203.0.113.80");
        await guesser.GetAsync("/admin/signin");
        var logBefore = App.Output.Length;
        for (var i = 0; i < 10; i++)
        {
            var (wrong, _) = await guesser.PostAsync("/admin/signin", [new("key", $"guess-{i}-of-the-key")]);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var (throttled, html) = await guesser.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);
        using var other = new PageClient(App, clientAddress: "203.0.113.81");
        await other.GetAsync("/admin/signin");
        var (otherClient, _) = await other.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        html.ShouldContain("Too many attempts");
        guesser.Cookies.GetCookies(new Uri(App.WebAddress, "/admin/")).ShouldNotContain(c => c.Name == "pi-console");
        otherClient.StatusCode.ShouldBe(HttpStatusCode.Redirect); // the limit is per client
        // The apps' output is read asynchronously: wait for the line, then check what it (and everything else) says.
        await Eventually.HoldsAsync(() => Task.FromResult(App.Output[logBefore..].Contains("wrong admin keys from one client", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the throttle logged");
        var log = App.Output[logBefore..];
        log.ShouldNotContain("of-the-key");
    }
}
