using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using PartnerIntake.Shared.Common;
using PartnerIntake.Web.Hosting;

namespace PartnerIntake.UnitTests.Web;

public class TransportSecurityTests
{
    [Theory]
    [InlineData("https://partners.example.org", true)]
    [InlineData("http://localhost:5071", false)]
    [InlineData("not a url", false)]
    public void IsHttps_PublicBaseUrl_OnlyAnHttpsAddress(string url, bool expected) =>
        TransportSecurity.IsHttps(new AppOptions { PublicBaseUrl = url }).ShouldBe(expected);

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "a1b2c3", true)] // App Service sets WEBSITE_INSTANCE_ID
    [InlineData(false, "a1b2c3", false)]
    [InlineData(true, null, true)]
    public void TrustsPlatformProxy_SettingAndPlatform_SettingWinsElsePlatform(bool? setting, string? instance, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_INSTANCE_ID"] = instance }).Build();

        TransportSecurity.TrustsPlatformProxy(new WebOptions { TrustProxy = setting }, configuration).ShouldBe(expected);
    }

    [Fact]
    public void ConfigureForwardedHeaders_NoPlatformProxy_OnlyLoopbackAndOnlyTheClientAddress()
    {
        var options = new ForwardedHeadersOptions();

        TransportSecurity.ConfigureForwardedHeaders(options, platformProxy: false);

        options.ForwardedHeaders.ShouldBe(ForwardedHeaders.XForwardedFor);
        options.KnownProxies.ShouldContain(IPAddress.IPv6Loopback);
        options.KnownIPNetworks.ShouldNotBeEmpty();
    }

    [Fact]
    public void ConfigureForwardedHeaders_PlatformProxy_ClientAddressAndSchemeFromTheLastHop()
    {
        var options = new ForwardedHeadersOptions();

        TransportSecurity.ConfigureForwardedHeaders(options, platformProxy: true);

        options.ForwardedHeaders.ShouldBe(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        options.KnownProxies.ShouldBeEmpty();
        options.KnownIPNetworks.ShouldBeEmpty();
        options.ForwardLimit.ShouldBe(1);
    }
}
