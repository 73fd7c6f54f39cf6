using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.Hosting;

/// <summary>
/// Functions mode when the host gave us FUNCTIONS_CUSTOMHANDLER_PORT; standalone otherwise, where
/// we run in-process what the host would (queue listeners) on http://localhost:7071.
/// </summary>
public sealed record HostingMode(bool IsFunctionsHost, IReadOnlyList<FunctionDefinition> Functions, QueueSettings Queues)
{
    public IEnumerable<FunctionDefinition> QueueFunctions => Functions.Where(f => f.IsQueue);
}
