namespace PartnerIntake.Functions.Hosting;

/// <summary>Maps function names (their function.json folders) to the adapters that run them.</summary>
public sealed class FunctionRegistry(IEnumerable<IQueueFunction> queueFunctions)
{
    private readonly Dictionary<string, IQueueFunction> queue = queueFunctions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public IQueueFunction Queue(string name) => queue[name];

    public IQueueFunction? FindQueue(string name) => queue.GetValueOrDefault(name);

    /// <summary>Fails start-up when a function.json has no adapter or an adapter no function.json.</summary>
    public void EnsureMatches(HostingMode mode)
    {
        var defined = mode.QueueFunctions.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = defined.Except(queue.Keys, StringComparer.OrdinalIgnoreCase).ToList();
        var orphans = queue.Keys.Except(defined, StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0 || orphans.Count > 0)
        {
            throw new InvalidOperationException(
                $"function.json and adapters disagree: no adapter for [{string.Join(", ", missing)}], no function.json for [{string.Join(", ", orphans)}].");
        }
    }
}
