using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnerIntake.Shared.Hosting;

public sealed record FunctionDefinition(
    string Name,
    string TriggerType,
    string TriggerBindingName,
    string? QueueName,
    string? Schedule,
    string? Route,
    IReadOnlyList<string> Methods)
{
    public bool IsHttp => TriggerType == "httpTrigger";

    public bool IsQueue => TriggerType == "queueTrigger";

    public bool IsTimer => TriggerType == "timerTrigger";
}

/// <summary>
/// Reads every {Function}/function.json next to the executable: the single source of truth for
/// triggers, queue names and schedules, in Functions mode (the host reads them) and standalone mode (we do).
/// </summary>
public static partial class FunctionCatalog
{
    public static IReadOnlyList<FunctionDefinition> Load(string root, Func<string, string?> setting)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var file in Directory.EnumerateFiles(root, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
            if (Path.GetDirectoryName(Path.GetDirectoryName(file)) != Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)))
            {
                continue; // only direct children: the host's layout
            }

            functions.Add(Parse(folder, File.ReadAllText(file), setting));
        }

        return functions;
    }

    public static FunctionDefinition Parse(string name, string json, Func<string, string?> setting)
    {
        using var doc = JsonDocument.Parse(json);
        var trigger = doc.RootElement.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("direction").GetString() == "in" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

        string? Value(string property) => trigger.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? Resolve(v.GetString()!, setting)
            : null;

        var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList()
            : [];
        return new FunctionDefinition(
            name,
            trigger.GetProperty("type").GetString()!,
            trigger.GetProperty("name").GetString()!,
            Value("queueName"),
            Value("schedule"),
            Value("route"),
            methods);
    }

    /// <summary>%SettingName% in a binding value is replaced by that app setting, as the host does.</summary>
    private static string Resolve(string value, Func<string, string?> setting) =>
        SettingPattern().Replace(value, match => setting(match.Groups[1].Value)
            ?? throw new InvalidOperationException($"Binding refers to the app setting {match.Groups[1].Value}, which is not set."));

    [GeneratedRegex("%([A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingPattern();
}
