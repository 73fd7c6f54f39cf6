namespace PartnerIntake.Shared.Routing;

public static class EntityKind
{
    public const string Chapter = "chapter";
    public const string ThematicOrganization = "thematic-organization";
    public const string UserGroup = "user-group";
    public const string Hub = "hub";
    public const string FoundationTeam = "foundation-team";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Chapter, ThematicOrganization, UserGroup, Hub, FoundationTeam,
    };
}

public static class LeadPolicy
{
    public const string ThematicLead = "thematic-lead";
    public const string GeographicLead = "geographic-lead";
    public const string FoundationLead = "foundation-lead";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ThematicLead, GeographicLead, FoundationLead,
    };
}

/// <summary>A movement entity that can be assigned inquiries.</summary>
public sealed record MovementEntity(
    string Id,
    string Name,
    string Kind,
    bool LegalEntity,
    IReadOnlyList<string> Languages,
    string Contact,
    int AckSlaDays,
    bool Active,
    string? InactiveReason);

/// <summary>Country (optionally subdivision) → geographic entities in order of preference.</summary>
public sealed record RegionRoute(string Country, string? Subdivision, IReadOnlyList<string> EntityIds);

/// <summary>Topic → thematic entity or Foundation team, and who leads when a geographic entity also fits.</summary>
public sealed record TopicRoute(string Topic, string EntityId, string Policy);

/// <summary>One version of the routing tables, immutable once loaded.</summary>
public sealed record RoutingTables(
    string Version,
    IReadOnlyList<MovementEntity> Entities,
    IReadOnlyList<RegionRoute> Regions,
    IReadOnlyList<TopicRoute> Topics)
{
    /// <summary>Foundation partnerships triage: where every inquiry goes when nothing else fits.</summary>
    public const string TriageEntityId = "wmf-partnerships";

    private readonly Dictionary<string, MovementEntity> byId =
        Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);

    public MovementEntity? Entity(string id) => byId.GetValueOrDefault(id);
}

public interface IRoutingTablesSource
{
    /// <summary>The live tables, cached: callers may ask per message without a storage read.</summary>
    ValueTask<RoutingTables> GetLiveAsync(CancellationToken cancellationToken);
}
