using System.Diagnostics;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerIntake.Shared.Telemetry;

namespace PartnerIntake.UnitTests.Telemetry;

public class TelemetryServicesTests
{
    private static ServiceCollection CreateSut(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryServices.ConnectionStringSetting] = connectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddPartnerIntakeTelemetry(configuration);
        return services;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddPartnerIntakeTelemetry_NoConnectionString_ExportsNothing(string? connectionString)
    {
        var services = CreateSut(connectionString);

        services.ShouldNotContain(d => d.ServiceType == typeof(TracerProvider) || d.ServiceType == typeof(MeterProvider));
        services.ShouldNotContain(d => d.ServiceType == typeof(IHostedService));
        services.ShouldContain(d => d.ServiceType == typeof(PartnerIntakeMetrics));
    }

    [Fact]
    public void AddPartnerIntakeTelemetry_ConnectionString_ExportsTracesMetricsAndSamplesQueues()
    {
        var services = CreateSut("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/");

        services.ShouldContain(d => d.ServiceType == typeof(TracerProvider));
        services.ShouldContain(d => d.ServiceType == typeof(MeterProvider));
        services.ShouldContain(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QueueDepthSampler));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Authorization=Key", false)]
    [InlineData("ClientId=8d1c8b2e-0000-0000-0000-000000000000;Authorization=AAD", true)]
    [InlineData("authorization=aad", true)]
    public void Credential_AuthenticationString_ManagedIdentityOnlyForAad(string? authentication, bool managedIdentity)
    {
        var credential = TelemetryServices.Credential(authentication);

        (credential is ManagedIdentityCredential).ShouldBe(managedIdentity);
    }

    [Fact]
    public void RouteTemplatePath_RequestWithToken_ReportsTheTemplateAndNoQuery()
    {
        using var activity = new Activity("request");
        activity.SetTag("url.path", "/assignments/c2lnbmVk.dG9rZW4");
        activity.SetTag("url.query", "?culture=pl");
        activity.SetTag("http.route", "assignments/{token}");

        new RouteTemplatePath().OnEnd(activity);

        activity.GetTagItem("url.path").ShouldBe("/assignments/{token}");
        activity.GetTagItem("url.query").ShouldBeNull();
    }

    [Fact]
    public void RouteTemplatePath_Unrouted_ReportsNoPath()
    {
        using var activity = new Activity("request");
        activity.SetTag("url.path", "/some/mistyped/path/with/a/secret");

        new RouteTemplatePath().OnEnd(activity);

        activity.GetTagItem("url.path").ShouldBe("/(unrouted)");
    }
}
