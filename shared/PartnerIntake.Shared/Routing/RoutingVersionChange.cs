namespace PartnerIntake.Shared.Routing;

/// <summary>
/// One change of the live routing tables: which version went live, how (<see cref="Seed"/>, <see cref="Import"/>,
/// <see cref="Rollback"/>), who did it (the console operator's name, "api" for the function-key API, the app for the
/// seed), when, and the version's row counts.
/// </summary>
public sealed record RoutingVersionChange(string Version, string Source, string Actor, DateTimeOffset At, int Entities, int Regions, int Topics)
{
    public const string Seed = "seed";
    public const string Import = "import";
    public const string Rollback = "rollback";
}
