namespace PartnerIntake.Shared.Routing;

public sealed record EntityRef(string Id, string Name, string Kind);

public sealed record Collaborator(string Id, string Name, string Kind, string Role);

/// <summary>A rule that matched, with the inputs it saw.</summary>
public sealed record MatchedRule(string Rule, IReadOnlyDictionary<string, string> Inputs, string Outcome);

public sealed record PassedOver(string Id, string Reason);

/// <summary>Who leads, who collaborates, and why: kept with the assignment and shown to the assignee.</summary>
public sealed record RoutingDecision(
    EntityRef Primary,
    IReadOnlyList<Collaborator> Collaborators,
    IReadOnlyList<MatchedRule> Rules,
    IReadOnlyList<PassedOver> PassedOver,
    string TablesVersion,
    string Summary);
