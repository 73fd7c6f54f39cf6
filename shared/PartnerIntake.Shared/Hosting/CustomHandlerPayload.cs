using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerIntake.Shared.Hosting;

/// <summary>The Functions host's invocation body for a non-HTTP function: {"Data": {...}, "Metadata": {...}}.</summary>
public sealed record CustomHandlerRequest(IReadOnlyDictionary<string, JsonElement> Data, IReadOnlyDictionary<string, JsonElement> Metadata)
{
    /// <summary>Parses the body; a trigger payload may arrive as an object, a JSON string holding JSON, or a doubly encoded string.</summary>
    public static CustomHandlerRequest Parse(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return new CustomHandlerRequest(Section(root, "Data"), Section(root, "Metadata"));

        static Dictionary<string, JsonElement> Section(JsonElement root, string name) =>
            root.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object
                ? section.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The queue message text of a binding, unwrapped from any JSON string encoding.</summary>
    public string MessageText(string bindingName)
    {
        if (!Data.TryGetValue(bindingName, out var value))
        {
            throw new FormatException($"The invocation has no Data.{bindingName}.");
        }

        return Unwrap(value);
    }

    public JsonElement Payload(string bindingName)
    {
        var text = MessageText(bindingName);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public int DequeueCount =>
        Metadata.TryGetValue("DequeueCount", out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetInt32() : int.Parse(Unwrap(v), CultureInfo.InvariantCulture)
            : 1;

    public static string Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }

        var text = value.GetString()!;
        for (var depth = 0; depth < 3; depth++) // the host may JSON-quote a string message once or twice
        {
            var trimmed = text.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] != '"')
            {
                return text;
            }

            try
            {
                text = JsonSerializer.Deserialize<string>(trimmed) ?? "";
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }
}

/// <summary>The timer trigger payload; ScheduleStatus is null on a first run or without a monitor.</summary>
public sealed record TimerPayload(
    [property: JsonPropertyName("Schedule")] TimerSchedule? Schedule,
    [property: JsonPropertyName("ScheduleStatus")] TimerScheduleStatus? ScheduleStatus,
    [property: JsonPropertyName("IsPastDue")] bool IsPastDue)
{
    public static TimerPayload Parse(JsonElement element) =>
        element.Deserialize<TimerPayload>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
        ?? throw new FormatException("Empty timer payload.");
}

public sealed record TimerSchedule([property: JsonPropertyName("AdjustForDST")] bool AdjustForDst);

public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>What we answer the host: 200, application/json, PascalCase keys.</summary>
public sealed record CustomHandlerResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? ReturnValue);
