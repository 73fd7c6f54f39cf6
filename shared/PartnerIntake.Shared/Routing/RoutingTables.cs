using System.Collections.Frozen;
using System.Globalization;

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
    /// <summary>The thematic entity leads; the geographic one collaborates.</summary>
    public const string ThematicLead = "thematic-lead";

    /// <summary>The geographic entity leads; the thematic one collaborates.</summary>
    public const string GeographicLead = "geographic-lead";

    /// <summary>The Foundation team leads; the geographic entity collaborates.</summary>
    public const string FoundationLead = "foundation-lead";

    /// <summary>The entity always joins as a collaborator and never leads.</summary>
    public const string Collaborator = "collaborator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ThematicLead, GeographicLead, FoundationLead, Collaborator,
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
    string? InactiveReason,
    DateOnly? InactiveSince = null)
{
    /// <summary>Where this entity's inquiries go when it declines or does not answer in time; null: Foundation triage.</summary>
    public string? Fallback { get; init; }

    /// <summary>Why routing skips this entity, as explanations show it (built once per table version).</summary>
    public string InactiveNote { get; } = Active
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"inactive{(InactiveSince is { } d ? $" since {d:yyyy-MM-dd}" : "")}: {InactiveReason ?? "no reason recorded"}");
}

/// <summary>Country (optionally subdivision) → geographic entities in order of preference.</summary>
public sealed record RegionRoute(string Country, string? Subdivision, IReadOnlyList<string> EntityIds)
{
    /// <summary>The order as explanations show it, built once per table version rather than per decision.</summary>
    public string Order { get; } = string.Join(" > ", EntityIds);

    /// <summary>The explanation's record of this row: the same for every inquiry it matches, so built once (records are immutable).</summary>
    public MatchedRule Matched { get; } = new("region",
        Subdivision is null
            ? new RuleInputs(new KeyValuePair<string, string>("country", Country))
            : new RuleInputs(new("country", Country), new("subdivision", Subdivision)),
        string.Join(" > ", EntityIds));
}

/// <summary>
/// Topic (or * for any) → thematic entity or Foundation team, the lead policy when a geographic entity
/// also fits, and the conditions under which the row applies. Rows are tried in file order.
/// </summary>
public sealed record TopicRoute(string Topic, string EntityId, string Policy, RuleCondition When)
{
    public TopicRoute(string topic, string entityId, string policy)
        : this(topic, entityId, policy, RuleCondition.Always)
    {
    }

    /// <summary>The explanation's outcome for this row, built once per table version.</summary>
    public string Outcome { get; } = $"{EntityId} ({Policy})";

    /// <summary>The explanation's record when the row has no conditions (then it saw only the topic): built once.</summary>
    public MatchedRule MatchedUnconditionally { get; } = new("topic", new RuleInputs(new KeyValuePair<string, string>("topic", Topic)), $"{EntityId} ({Policy})");

    /// <summary>The role of this row's entity when it joins as a collaborator.</summary>
    public string CollaboratorRole { get; } = Policy == LeadPolicy.Collaborator ? $"collaborator for {Topic}" : $"thematic ({Topic})";
}

/// <summary>One version of the routing tables, immutable once loaded, with look-up indexes built once.</summary>
public sealed record RoutingTables(
    string Version,
    IReadOnlyList<MovementEntity> Entities,
    IReadOnlyList<RegionRoute> Regions,
    IReadOnlyList<TopicRoute> Topics)
{
    /// <summary>Foundation partnerships triage: where every inquiry goes when nothing else fits.</summary>
    public const string TriageEntityId = "wmf-partnerships";

    private readonly FrozenDictionary<string, MovementEntity> byId =
        Entities.DistinctBy(e => e.Id).ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);

    private readonly FrozenDictionary<string, RegionRoute> regionByKey =
        Regions.DistinctBy(r => r.Subdivision ?? r.Country).ToFrozenDictionary(r => r.Subdivision ?? r.Country, StringComparer.Ordinal);

    private readonly FrozenDictionary<string, TopicRoute[]> topicRules =
        Topics.GroupBy(t => t.Topic).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private readonly FrozenSet<string> countriesWithActiveChapter = Regions
        .Where(r => r.Subdivision is null && r.EntityIds.Any(id => Entities.Any(e => e.Id == id && e.Kind == EntityKind.Chapter && e.Active)))
        .Select(r => r.Country)
        .ToFrozenSet(StringComparer.Ordinal);

    public MovementEntity? Entity(string id) => byId.GetValueOrDefault(id);

    public RegionRoute? Region(string countryOrSubdivision) => regionByKey.GetValueOrDefault(countryOrSubdivision);

    public IReadOnlyList<TopicRoute> RulesFor(string topic) => topicRules.GetValueOrDefault(topic) ?? [];

    /// <summary>Whether an active chapter covers the whole country (a sub-national chapter does not).</summary>
    public bool HasActiveChapter(string country) => countriesWithActiveChapter.Contains(country);
}

public interface IRoutingTablesSource
{
    /// <summary>The live tables, cached: callers may ask per message without a storage read.</summary>
    ValueTask<RoutingTables> GetLiveAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the cached version so the next call re-reads the live pointer (after an import here).</summary>
    void Invalidate();
}
