namespace PartnerIntake.Functions.Hosting;

/// <summary>Maps function names (their function.json folders) to the adapters that run them.</summary>
public sealed class FunctionRegistry(IEnumerable<IQueueFunction> queueFunctions, IEnumerable<ITimerFunction> timerFunctions)
{
    private readonly Dictionary<string, IQueueFunction> queue = queueFunctions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ITimerFunction> timer = timerFunctions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public IQueueFunction Queue(string name) => queue[name];

    public IQueueFunction? FindQueue(string name) => queue.GetValueOrDefault(name);

    public ITimerFunction Timer(string name) => timer[name];

    public ITimerFunction? FindTimer(string name) => timer.GetValueOrDefault(name);

    /// <summary>Fails start-up when a function.json has no adapter or an adapter no function.json.</summary>
    public void EnsureMatches(HostingMode mode)
    {
        Check(mode.Functions.Where(f => f.IsQueue).Select(f => f.Name), queue.Keys, "queue");
        Check(mode.Functions.Where(f => f.IsTimer).Select(f => f.Name), timer.Keys, "timer");

        static void Check(IEnumerable<string> definedNames, IEnumerable<string> adapters, string kind)
        {
            var defined = definedNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = defined.Except(adapters, StringComparer.OrdinalIgnoreCase).ToList();
            var orphans = adapters.Except(defined, StringComparer.OrdinalIgnoreCase).ToList();
            if (missing.Count > 0 || orphans.Count > 0)
            {
                throw new InvalidOperationException(
                    $"function.json and {kind} adapters disagree: no adapter for [{string.Join(", ", missing)}], no function.json for [{string.Join(", ", orphans)}].");
            }
        }
    }
}
