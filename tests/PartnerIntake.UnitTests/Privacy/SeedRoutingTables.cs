using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Privacy;

/// <summary>The seed routing tables as the live ones (the entities' working languages come from them).</summary>
public sealed class SeedRoutingTables : IRoutingTablesSource
{
    private readonly RoutingTables tables = Builders.SeedTables();

    public ValueTask<RoutingTables> GetLiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult(tables);

    public void Invalidate()
    {
    }
}
