using System.Text.Json;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.UnitTests.Hosting;

public class CustomHandlerPayloadTests
{
    private const string Metadata = """
        "Metadata": { "DequeueCount": 3, "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
          "sys": { "MethodName": "RouteInquiry", "UtcNow": "2019-10-09T17:58:32.2205399Z" } }
        """;

    [Fact]
    public void MessageText_DataIsObject_ReturnsItsJson()
    {
        var request = CustomHandlerRequest.Parse($$"""{ "Data": { "message": { "inquiryId": "PI-1" } }, {{Metadata}} }""");

        Id(request.MessageText("message")).ShouldBe("PI-1");
    }

    [Fact]
    public void MessageText_DataIsJsonString_ReturnsTheJsonInside()
    {
        var request = CustomHandlerRequest.Parse($$"""{ "Data": { "message": "{\"inquiryId\":\"PI-2\"}" }, {{Metadata}} }""");

        Id(request.MessageText("message")).ShouldBe("PI-2");
    }

    [Fact]
    public void MessageText_DataIsDoublyEncodedString_ReturnsTheJsonInside()
    {
        var inner = JsonSerializer.Serialize(JsonSerializer.Serialize("{\"inquiryId\":\"PI-3\"}"));
        var request = CustomHandlerRequest.Parse($$"""{ "Data": { "message": {{inner}} }, {{Metadata}} }""");

        Id(request.MessageText("message")).ShouldBe("PI-3");
    }

    [Fact]
    public void MessageText_PlainString_IsKeptAsIs()
    {
        var request = CustomHandlerRequest.Parse("""{ "Data": { "message": "hello" }, "Metadata": {} }""");

        request.MessageText("message").ShouldBe("hello");
    }

    [Fact]
    public void MessageText_MissingBinding_Throws()
    {
        var request = CustomHandlerRequest.Parse("""{ "Data": {}, "Metadata": {} }""");

        Should.Throw<FormatException>(() => request.MessageText("message"));
    }

    [Fact]
    public void DequeueCount_NumberOrString_IsRead()
    {
        CustomHandlerRequest.Parse($$"""{ "Data": {}, {{Metadata}} }""").DequeueCount.ShouldBe(3);
        CustomHandlerRequest.Parse("""{ "Data": {}, "Metadata": { "DequeueCount": "4" } }""").DequeueCount.ShouldBe(4);
        CustomHandlerRequest.Parse("""{ "Data": {} }""").DequeueCount.ShouldBe(1);
    }

    [Fact]
    public void TimerPayload_NullScheduleStatus_Parses()
    {
        var request = CustomHandlerRequest.Parse("""
            { "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": null, "IsPastDue": false } }, "Metadata": {} }
            """);

        var timer = TimerPayload.Parse(request.Payload("timer"));

        timer.ScheduleStatus.ShouldBeNull();
        timer.IsPastDue.ShouldBeFalse();
        timer.Schedule!.AdjustForDst.ShouldBeTrue();
    }

    [Fact]
    public void TimerPayload_WithStatusAsJsonString_Parses()
    {
        var timer = JsonSerializer.Serialize("""
            {"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-21T10:00:00+00:00","LastUpdated":"2026-11-21T10:00:01+00:00","Next":"2026-11-21T11:00:00+00:00"},"IsPastDue":true}
            """);
        var request = CustomHandlerRequest.Parse($$"""{ "Data": { "timer": {{timer}} }, "Metadata": {} }""");

        var payload = TimerPayload.Parse(request.Payload("timer"));

        payload.IsPastDue.ShouldBeTrue();
        payload.ScheduleStatus!.Next.ShouldBe(new DateTimeOffset(2026, 11, 21, 11, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Response_Serialised_HasThePascalCaseKeysTheHostReads()
    {
        var json = JsonSerializer.Serialize(new CustomHandlerResponse(new Dictionary<string, object?>(), ["done"], null));

        json.ShouldBe("""{"Outputs":{},"Logs":["done"],"ReturnValue":null}""");
    }

    private static string Id(string json) => JsonDocument.Parse(json).RootElement.GetProperty("inquiryId").GetString()!;
}
