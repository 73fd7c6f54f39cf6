using System.Net;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>The operators' console: nothing without a session; a session only for the admin key.</summary>
[Collection(WebCollection.Name)]
public class ConsoleAccessTests(WebAppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/routing")]
    [InlineData("/admin/inquiries")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/poison")]
    [InlineData("/admin/recognition")]
    public async Task Get_ConsolePageWithoutSession_RedirectsPeopleToSignIn(string path)
    {
        using var client = new PageClient(App);

        var (response, _) = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/admin/signin?ReturnUrl=");
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/inquiries?handler=Export")]
    public async Task Get_ConsoleWithoutSessionFromAScript_Unauthorized(string path)
    {
        using var response = await App.Web.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_WrongKey_UnauthorizedAndNoSession()
    {
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin");

        var (response, html) = await client.PostAsync("/admin/signin", [new("key", "wrong")]);
        var (after, _) = await client.GetAsync("/admin");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        html.ShouldContain("error-summary");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_Refused()
    {
        using var client = new PageClient(App);

        var (response, _) = await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)], withHiddenFields: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignIn_AdminKey_SessionOpensTheConsoleUntilSignOut()
    {
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin?ReturnUrl=%2Fadmin%2Frouting");

        var (signedIn, _) = await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);
        var (routing, html) = await client.GetAsync("/admin/routing");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/admin/routing");
        routing.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Live version");
        client.Cookies.GetCookies(new Uri(App.BaseAddress, "/admin/")).Single(c => c.Name == "pi-console").HttpOnly.ShouldBeTrue();

        var (signedOut, signedOutHtml) = await client.PostAsync("/admin/signin?handler=SignOut", []);
        var (after, _) = await client.GetAsync("/admin/routing");

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, signedOutHtml + string.Join(";", client.Hidden.Keys));
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_ForeignReturnUrl_LandsOnTheDashboard()
    {
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin");

        var (response, _) = await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey), new("returnUrl", "//evil.example/")]);

        response.Headers.Location!.ToString().ShouldBe("/admin");
    }
}
