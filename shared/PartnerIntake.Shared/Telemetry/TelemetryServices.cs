using System.Reflection;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PartnerIntake.Shared.Telemetry;

/// <summary>
/// Both apps' telemetry: traces (requests, storage and SendGrid calls), metrics and logs go to Application Insights
/// when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and nowhere otherwise.
/// </summary>
public static class TelemetryServices
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"ClientId=...;Authorization=AAD": send with that user-assigned managed identity (local auth is off in Azure).</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static bool IsExported(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);

    /// <summary>Registers the metrics always, and the exporter only when a connection string is set; null when not exporting.</summary>
    public static OpenTelemetryBuilder? AddPartnerIntakeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<PartnerIntakeMetrics>();
        if (!IsExported(configuration))
        {
            return null;
        }

        services.AddHostedService<QueueDepthSampler>();
        return services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Assembly.GetEntryAssembly()?.GetName().Name ?? "PartnerIntake"))
            .UseAzureMonitor(o =>
            {
                o.ConnectionString = configuration[ConnectionStringSetting];
                o.Credential = Credential(configuration[AuthenticationStringSetting]);
                // Every trace: traffic is low (hundreds of inquiries a day), and a sampled-away failure is the one
                // an operator would look for. The distro's default is a rate limit of 5 traces per second.
                o.TracesPerSecond = null;
                o.SamplingRatio = 1.0F;
            })
            .WithMetrics(m => m.AddMeter(PartnerIntakeMetrics.MeterName))
            .WithTracing(t => t.AddProcessor(new RouteTemplatePath()));
    }

    /// <summary>The managed identity named by the authentication string, or null (the connection string's key) when none is.</summary>
    public static TokenCredential? Credential(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
