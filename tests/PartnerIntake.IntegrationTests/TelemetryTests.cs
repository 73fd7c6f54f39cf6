using System.Net;
using System.Text.Json.Nodes;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// With APPLICATIONINSIGHTS_CONNECTION_STRING set, both apps export requests, storage calls, logs and the app's metrics
/// through the Azure Monitor exporter (here to a local stand-in for the ingestion endpoint), and nothing of a partner's
/// name, address or a signed link's token goes with them.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Name = "Telemetria Wiśniewska";
    private const string Email = "telemetry.partner@example.org";

    private Azurite azurite = null!;
    private FakeAppInsights insights = null!;
    private AppProcess app = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        insights = await FakeAppInsights.StartAsync();
        app = await AppProcess.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = insights.ConnectionString,
            // The SDK's periodic metric reader: every second instead of every minute, so the test need not wait.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await insights.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Export_ConnectionStringSet_RequestsDependenciesAndMetricsWithoutPersonalDataOrTokens()
    {
        var inquiry = Inquiries.With(n =>
        {
            n["contact"]!["name"] = Name;
            n["contact"]!["email"] = Email;
        });
        using var submitted = await app.Http.PostAsync("/api/inquiries", new StringContent(inquiry, System.Text.Encoding.UTF8, "application/json"));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reference = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["reference"]!.GetValue<string>();
        string? link = null;
        await Eventually.HoldsAsync(() =>
        {
            link = Directory.Exists(app.OutboxPath)
                ? Directory.GetFiles(app.OutboxPath, $"{reference}.assignment.*.eml").Select(f => Eml.Read(f).Text)
                    .Select(text => System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+/assignments/[^\s?]+").Value)
                    .FirstOrDefault(l => l.Length > 0)
                : null;
            return Task.FromResult(link is not null);
        }, TimeSpan.FromSeconds(30), "the assignment e-mail with its links");
        var found = link!;
        var token = found[(found.LastIndexOf('/') + 1)..];
        using (var page = await app.Web.GetAsync(new Uri(found).PathAndQuery))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var health = await app.Web.GetAsync("/health"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(
                Has("RequestData", "/api/inquiries") && Has("RequestData", "/assignments/{token}") && Has("RequestData", "/health") && Has("RemoteDependencyData", "Microsoft.Tables") && Has("RemoteDependencyData", "/inquiries/messages")
                && Has("MetricData", "partnerintake.queue.messages") && Has("MetricData", "partnerintake.mails.sent")),
                TimeSpan.FromSeconds(60), "requests of both apps, storage dependencies and the queue metric exported");
        }
        catch (TimeoutException e)
        {
            var kinds = insights.Items.GroupBy(i => JsonNode.Parse(i)?["data"]?["baseType"]?.ToString() ?? "?").Select(g => $"{g.Key}: {g.Count()}");
            var requests = insights.Items.Where(i => i.Contains("\"RequestData\"", StringComparison.Ordinal)).Select(i => JsonNode.Parse(i)!["data"]!["baseData"]!["url"]?.ToString());
            var metrics = insights.Items.Where(i => i.Contains("\"MetricData\"", StringComparison.Ordinal)).Select(i => JsonNode.Parse(i)!["data"]!["baseData"]!["metrics"]![0]!["name"]?.ToString()).Distinct();
            var dependencies = insights.Items.Where(i => i.Contains("\"RemoteDependencyData\"", StringComparison.Ordinal))
                .Select(i => JsonNode.Parse(i)!["data"]!["baseData"]!).Select(d => $"{d["type"]} {d["name"]}").Distinct();
            throw new TimeoutException($"{e.Message}\n{string.Join(", ", kinds)}\nrequests: {string.Join(", ", requests)}\nmetrics: {string.Join(", ", metrics)}\ndependencies: {string.Join("\n", dependencies)}\n{app.Output[^Math.Min(app.Output.Length, 3000)..]}", e);
        }

        var everything = string.Join('\n', insights.Items);
        everything.ShouldNotContain(Email, Case.Insensitive);
        everything.ShouldNotContain(Name);
        everything.ShouldNotContain(token);
    }

    private bool Has(string baseType, string text) =>
        insights.Items.Any(i => i.Contains($"\"baseType\":\"{baseType}\"", StringComparison.Ordinal) && i.Contains(text, StringComparison.Ordinal));
}
