using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.UnitTests.Hosting;

/// <summary>function.json is the source of truth: these tests hold the code to it.</summary>
public class FunctionDefinitionsTests
{
    private static readonly IReadOnlyList<FunctionDefinition> Functions =
        FunctionCatalog.Load(AppContext.BaseDirectory, _ => null);

    [Fact]
    public void Load_AppOutput_HasEveryFunction()
    {
        Functions.Select(f => f.Name).ShouldBe(
            ["AssignmentAction", "EscalateAssignments", "GetInquiryStatus", "Health", "InquiryTrail", "Liveness", "RouteInquiry",
                "RoutingDryRun", "RoutingExplain", "RoutingImport", "RoutingTables", "SubmitInquiry",
                "MailEvents", "GetDonation", "ImportDonations", "ImportImpactMetrics", "RecognitionPreview", "RecordDonation",
                "SendRecognitions", "Unsubscribe", "Web"],
            ignoreOrder: true);
    }

    [Fact]
    public void RouteInquiry_QueueName_IsTheQueueSubmitWritesTo()
    {
        var route = Functions.Single(f => f.Name == "RouteInquiry");

        route.IsQueue.ShouldBeTrue();
        route.QueueName.ShouldBe(QueueNames.Inquiries);
        route.TriggerBindingName.ShouldBe("message");
    }

    [Theory]
    [InlineData("SubmitInquiry", "POST", "api/inquiries")]
    [InlineData("GetInquiryStatus", "GET", "api/inquiries/{reference}")]
    [InlineData("Health", "GET", "api/health")]
    [InlineData("Liveness", "GET", "api/health/live")]
    [InlineData("RoutingExplain", "POST", "api/routing/explain")]
    [InlineData("RoutingDryRun", "POST", "api/routing/dry-run")]
    [InlineData("RoutingImport", "POST", "api/routing/import")]
    [InlineData("RoutingTables", "GET", "api/routing/tables")]
    [InlineData("InquiryTrail", "GET", "api/inquiries/{reference}/trail")]
    [InlineData("RecordDonation", "POST", "api/donations")]
    [InlineData("ImportDonations", "POST", "api/donations/import")]
    [InlineData("GetDonation", "GET", "api/donations/{id}")]
    [InlineData("RecognitionPreview", "GET", "api/recognition/preview")]
    [InlineData("ImportImpactMetrics", "POST", "api/recognition/metrics")]
    [InlineData("MailEvents", "POST", "api/mail/events")]
    public void HttpFunction_RouteAndMethod_MatchTheEndpoint(string name, string method, string route)
    {
        var function = Functions.Single(f => f.Name == name);

        function.IsHttp.ShouldBeTrue();
        function.Methods.ShouldBe([method]);
        function.Route.ShouldBe(route);
    }

    [Fact]
    public void Web_Route_IsACatchAllForThePagesUnderTheEmptyRoutePrefix()
    {
        var function = Functions.Single(f => f.Name == "Web");

        function.IsHttp.ShouldBeTrue();
        function.Methods.ShouldBe(["GET", "POST"]);
        function.Route.ShouldBe("{*path}");
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString().ShouldBe("");
    }

    [Fact]
    public void AssignmentAction_Methods_AreGetForTheConfirmationAndPostForTheAction()
    {
        var function = Functions.Single(f => f.Name == "AssignmentAction");

        function.Methods.ShouldBe(["GET", "POST"]);
        function.Route.ShouldBe("api/assignments/{token}");
    }

    [Fact]
    public void EscalateAssignments_Schedule_IsAValidHourlyNcrontab()
    {
        var function = Functions.Single(f => f.Name == "EscalateAssignments");
        var schedule = CronSchedule.Parse(function.Schedule!);
        var from = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

        function.IsTimer.ShouldBeTrue();
        schedule.Between(from, from.AddHours(24)).Count().ShouldBe(24);
    }

    [Fact]
    public void Parse_SettingReference_IsResolved()
    {
        var definition = FunctionCatalog.Parse("X", """
            { "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "%MY_SCHEDULE%" } ] }
            """, key => key == "MY_SCHEDULE" ? "0 */5 * * * *" : null);

        definition.Schedule.ShouldBe("0 */5 * * * *");
        definition.IsTimer.ShouldBeTrue();
    }

    [Fact]
    public void Parse_MissingSetting_Throws()
    {
        Should.Throw<InvalidOperationException>(() => FunctionCatalog.Parse("X", """
            { "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "m", "queueName": "%NOPE%" } ] }
            """, _ => null));
    }

    [Fact]
    public void ReadQueueSettings_AppHostJson_HasTheDocumentedValues()
    {
        var settings = HostSettings.ReadQueueSettings(Path.Combine(AppContext.BaseDirectory, "host.json"));

        settings.MaxDequeueCount.ShouldBe(5);
        settings.MaxPollingInterval.ShouldBe(TimeSpan.FromSeconds(2));
        settings.BatchSize.ShouldBe(16);
        settings.Base64Messages.ShouldBeTrue();
    }
}
