using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using PartnerIntake.Functions.LocalHost;

namespace PartnerIntake.UnitTests.Hosting;

/// <summary>The build's functions.metadata (what the Functions host reads) against the [Function] methods, and what the local host can bind.</summary>
public class FunctionsMetadataTests
{
    private static readonly Assembly App = typeof(LocalFunctionsHost).Assembly;

    private static readonly string MetadataPath = Path.Combine(Path.GetDirectoryName(App.Location)!, "functions.metadata");

    [Fact]
    public void EveryFunction_ParametersAndReturnType_TheLocalHostCanBind()
    {
        var functions = FunctionMethods().ToList();

        functions.Count.ShouldBeGreaterThanOrEqualTo(18);
        functions.Select(m => (m.Name, Why: FunctionInvoker.CanBind(m))).Where(f => f.Why is not null).ShouldBeEmpty();
    }

    [Fact]
    public void CanBind_AParameterOrResultTheLocalHostDoesNotKnow_SaysWhich()
    {
        FunctionInvoker.CanBind(typeof(FunctionsMetadataTests).GetMethod(nameof(Unbindable), BindingFlags.NonPublic | BindingFlags.Static)!)
            .ShouldBe("parameter context (FunctionContext) cannot be bound by the local host");
        FunctionInvoker.CanBind(typeof(FunctionsMetadataTests).GetMethod(nameof(ReturnsText), BindingFlags.NonPublic | BindingFlags.Static)!)
            .ShouldNotBeNull().ShouldStartWith("returns Task`1");
    }

    [Fact]
    public void Metadata_WrittenByTheBuild_ListsEveryFunctionWithItsTrigger()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(MetadataPath));
        var written = doc.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);

        written.Keys.ShouldBe(FunctionMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name), ignoreOrder: true);
        Trigger(written["SubmitInquiry"]).ShouldBe(("httpTrigger", "inquiries", "post", "Anonymous"));
        Trigger(written["GetInquiryStatus"]).ShouldBe(("httpTrigger", "inquiries/{reference}", "get", "Anonymous"));
        Trigger(written["InquiryTrail"]).ShouldBe(("httpTrigger", "inquiries/{reference}/trail", "get", "Function"));
        Trigger(written["RoutingImport"]).ShouldBe(("httpTrigger", "routing/import", "post", "Function"));
        Trigger(written["MailEvents"]).ShouldBe(("httpTrigger", "mail/events", "post", "Anonymous"));
        Trigger(written["Health"]).ShouldBe(("httpTrigger", "health", "get", "Anonymous"));
        var queue = written["RouteInquiry"].GetProperty("bindings")[0];
        (queue.GetProperty("type").GetString(), queue.GetProperty("queueName").GetString()).ShouldBe(("queueTrigger", "inquiries"));
        written["EscalateAssignments"].GetProperty("bindings")[0].GetProperty("schedule").GetString().ShouldBe("%ESCALATE_ASSIGNMENTS_SCHEDULE%");
        written["SendRecognitions"].GetProperty("bindings")[0].GetProperty("schedule").GetString().ShouldBe("%SEND_RECOGNITIONS_SCHEDULE%");
    }

    [Fact]
    public void Load_SettingsInSchedules_ResolvedFromConfigurationElseTheDefaults()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SEND_RECOGNITIONS_SCHEDULE"] = "0 0 * * * *" }).Build();

        var functions = LocalFunction.Load(MetadataPath, App, configured);

        functions.Single(f => f.Name == "SendRecognitions").Schedule.ShouldBe("0 0 * * * *");
        functions.Single(f => f.Name == "EscalateAssignments").Schedule.ShouldBe("0 5 * * * *");
        functions.Single(f => f.Name == "RouteInquiry").Method.Name.ShouldBe("RunAsync");
        functions.Where(f => f.IsHttp).ShouldAllBe(f => f.Methods.Count > 0);
    }

    private static IEnumerable<MethodInfo> FunctionMethods() =>
        App.GetTypes().SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    private static (string?, string?, string?, string?) Trigger(JsonElement function)
    {
        var t = function.GetProperty("bindings")[0];
        return (t.GetProperty("type").GetString(), t.GetProperty("route").GetString(), t.GetProperty("methods")[0].GetString(), t.GetProperty("authLevel").GetString());
    }

    private static Task Unbindable([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request, FunctionContext context) => Task.CompletedTask;

    private static Task<string> ReturnsText([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => Task.FromResult("text");
}
