using System.Net;
using System.Net.Http.Json;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// An inquiry erased before it is routed (its partner withdrew it, or asked for erasure, while it waited in the queue)
/// is still routed, since the movement's record of it stays, but nobody is acknowledged. Its own app with the queue
/// trigger switched off, so the erasure surely comes first; then the app restarts with it on and routes the waiting message.
/// </summary>
public sealed class ErasedBeforeRoutingTests : IAsyncLifetime
{
    private Azurite azurite = null!;
    private AppProcess app = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        app = await AppProcess.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string>
        {
            ["AzureWebJobs__RouteInquiry__Disabled"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task RouteInquiry_ContactErasedWhileQueued_RoutedWithoutAcknowledgement()
    {
        var email = $"early-{Guid.NewGuid():N}@example.org";
        var reference = await app.SubmitValidAsync(Inquiries.With(n => n["contact"]!["email"] = email));
        using (var erased = await app.SendAdminAsync(HttpMethod.Post, "/api/privacy/erasure", JsonContent.Create(new { email })))
        {
            erased.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The queue trigger comes back: the app restarted without the switch takes the waiting message.
        await app.DisposeAsync();
        app = await AppProcess.StartAsync(azurite.ConnectionString);

        await Eventually.HoldsAsync(async () => (await app.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(20), "routed");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(app.OutboxPath, $"{reference}.assignment.1.eml"))),
            TimeSpan.FromSeconds(10), "the assignment e-mail (sent after the routing commit)");
        File.Exists(Path.Combine(app.OutboxPath, $"{reference}.acknowledgement.eml")).ShouldBeFalse();
        var trail = await app.TrailAsync(reference);
        trail.GetProperty("trail")[0].GetProperty("reason").GetString().ShouldBe(RouteInquiry.ErasedReason);
        Directory.GetFiles(app.OutboxPath).ShouldAllBe(f => !File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
