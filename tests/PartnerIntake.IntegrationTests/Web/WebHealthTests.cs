using System.Net;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>The web app's GET /health, which App Service's health check probes: storage reachable and initialised.</summary>
public sealed class WebHealthTests
{
    [Fact]
    public async Task Health_StorageUpThenDown_200Then503()
    {
        var azurite = await Azurite.StartAsync();
        await using var app = await AppProcess.StartAsync(azurite.ConnectionString);

        using (var healthy = await app.Web.GetAsync("/health"))
        {
            healthy.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("status").GetString().ShouldBe("healthy");
            body.GetProperty("storage").GetString().ShouldBe("reachable");
        }

        await azurite.DisposeAsync();

        using var down = await app.Web.GetAsync("/health");
        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("unhealthy");
    }
}
