using System.Net;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>Every page family, its error answers included, carries the policy that forbids framing and sniffing.</summary>
[Collection(WebCollection.Name)]
public class SecurityHeadersTests(WebAppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task Get_EveryPageFamily_ContentSecurityPolicyWithFrameAncestorsNoneAndNoSniff()
    {
        var reference = await App.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{reference}.assignment.1.eml"))),
            TimeSpan.FromSeconds(15), "assignment e-mail sent");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml"))),
            TimeSpan.FromSeconds(15), "acknowledgement sent");
        var text = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.1.eml")).Text;
        var accept = LifecycleSteps.ActionLink(text, "Accept");
        var links = new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), TimeProvider.System);
        using var signedIn = new PageClient(App);
        await signedIn.GetAsync("/admin/signin");
        await signedIn.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);
        using var anonymous = new PageClient(App);

        var pages = new (PageClient Client, string Path, HttpStatusCode Status)[]
        {
            (anonymous, "/", HttpStatusCode.OK),
            (anonymous, $"/status/{reference}", HttpStatusCode.OK),
            (anonymous, "/status/PI-AAAA-BBBB-CCCC-DDDD", HttpStatusCode.NotFound),
            (anonymous, $"/confirmation/{reference}", HttpStatusCode.OK),
            (anonymous, accept, HttpStatusCode.OK),
            (anonymous, "/assignments/garbage", HttpStatusCode.BadRequest),
            (anonymous, $"/unsubscribe/{links.Token("D-NOT-A-DONATION", 0, "unsubscribe")}", (HttpStatusCode)0),
            (anonymous, "/unsubscribe/garbage", HttpStatusCode.BadRequest),
            (anonymous, "/privacy", HttpStatusCode.OK),
            (anonymous, new Uri(LifecycleSteps.WithdrawLink(App, reference)).PathAndQuery, HttpStatusCode.OK),
            (anonymous, "/withdraw/garbage", HttpStatusCode.BadRequest),
            (signedIn, "/admin/privacy", HttpStatusCode.OK),
            (anonymous, "/no-such-page", HttpStatusCode.NotFound),
            (anonymous, "/admin/signin", HttpStatusCode.OK),
            (anonymous, "/admin", HttpStatusCode.Redirect),
            (signedIn, "/admin", HttpStatusCode.OK),
            (signedIn, "/admin/routing", HttpStatusCode.OK),
            (signedIn, "/admin/inquiries", HttpStatusCode.OK),
            (signedIn, $"/admin/inquiry/{reference}", (HttpStatusCode)0),
        };
        foreach (var (client, path, status) in pages)
        {
            var (response, _) = await client.GetAsync(path);

            if (status != 0)
            {
                response.StatusCode.ShouldBe(status, path);
            }

            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'", customMessage: path);
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff", path);
        }
    }
}
