using System.Reflection;
using System.Text.Json;
using PartnerIntake.Functions.Hosting;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>One entry of the build's functions.metadata, with the method it names.</summary>
public sealed record LocalFunction(
    string Name, MethodInfo Method, string Trigger, string? Route, IReadOnlyList<string> Methods, string AuthLevel, string? QueueName, string? Schedule)
{
    public bool IsHttp => Trigger == "httpTrigger";

    public bool IsQueue => Trigger == "queueTrigger";

    public bool IsTimer => Trigger == "timerTrigger";

    /// <summary>Function and Admin levels need a key: the host's function keys in Azure, Admin:Key here.</summary>
    public bool NeedsKey => !string.Equals(AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads functions.metadata (what the SDK wrote at build, what the host reads) and resolves each entryPoint
    /// ("Namespace.Type.Method") in <paramref name="assembly"/>; <c>%Setting%</c> expressions from configuration,
    /// else <see cref="Schedules.Defaults"/>.
    /// </summary>
    public static IReadOnlyList<LocalFunction> Load(string metadataPath, Assembly assembly, IConfiguration configuration)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var functions = new List<LocalFunction>();
        foreach (var f in doc.RootElement.EnumerateArray())
        {
            var name = f.GetProperty("name").GetString()!;
            var entryPoint = f.GetProperty("entryPoint").GetString()!;
            var dot = entryPoint.LastIndexOf('.');
            var method = assembly.GetType(entryPoint[..dot])?.GetMethod(entryPoint[(dot + 1)..])
                ?? throw new InvalidOperationException($"functions.metadata names {entryPoint}, which this build does not have.");
            var trigger = f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            functions.Add(new LocalFunction(
                name,
                method,
                trigger.GetProperty("type").GetString()!,
                Str(trigger, "route"),
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList() : [],
                Str(trigger, "authLevel") ?? "Function",
                Resolve(Str(trigger, "queueName"), configuration),
                Resolve(Str(trigger, "schedule"), configuration)));
        }

        return functions;
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Resolve(string? value, IConfiguration configuration)
    {
        if (value is not ['%', .. var setting, '%'])
        {
            return value;
        }

        return configuration[setting] is { Length: > 0 } configured
            ? configured
            : Schedules.Defaults.TryGetValue(setting, out var fallback)
                ? fallback
                : throw new InvalidOperationException($"Set {setting}: a function's trigger refers to it.");
    }
}
