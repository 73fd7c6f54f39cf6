using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>With the local http address and no platform proxy, a client's X-Forwarded-Proto changes nothing.</summary>
[Collection(WebCollection.Name)]
public class ForwardedHeadersTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Get_HttpPublicUrlAndClaimedHttps_CookiesNotSecureAndNoHsts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await fixture.App.Web.SendAsync(request);

        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("pi-antiforgery=", StringComparison.Ordinal));
        response.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}
