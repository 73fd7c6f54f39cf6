using System.Collections;
using System.Diagnostics.CodeAnalysis;

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
    string TablesVersion)
{
    /// <summary>One or two plain sentences for people (assignment e-mail, status page), derived from the decision when asked.</summary>
    public string Summary => DecisionText.Write(this);
}

/// <summary>
/// The few inputs a rule saw, in order: a read-only dictionary holding up to two pairs in fields
/// (more in an array), because a Dictionary per matched rule would cost more than the whole decision.
/// </summary>
public sealed class RuleInputs : IReadOnlyDictionary<string, string>
{
    private readonly KeyValuePair<string, string> first;
    private readonly KeyValuePair<string, string> second;
    private readonly KeyValuePair<string, string>[]? more;

    public RuleInputs(KeyValuePair<string, string> only)
    {
        first = only;
        Count = 1;
    }

    public RuleInputs(KeyValuePair<string, string> first, KeyValuePair<string, string> second)
    {
        this.first = first;
        this.second = second;
        Count = 2;
    }

    public RuleInputs(KeyValuePair<string, string>[] pairs)
    {
        more = pairs;
        Count = pairs.Length;
    }

    public int Count { get; }

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var pair in this)
        {
            if (pair.Key == key)
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        if (more is not null)
        {
            foreach (var pair in more)
            {
                yield return pair;
            }

            yield break;
        }

        yield return first;
        if (Count == 2)
        {
            yield return second;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Writes a decision's summary from its rules: the same decision always reads the same.</summary>
public static class DecisionText
{
    public static string Write(RoutingDecision decision)
    {
        string? place = null;
        MatchedRule? deciding = null;
        foreach (var rule in decision.Rules)
        {
            if (rule.Rule == "region")
            {
                place ??= rule.Inputs.TryGetValue("subdivision", out var s) ? s : rule.Inputs["country"];
            }
            else if (rule.Rule is "scale-global" or "formal-needs-legal-entity" or "lead-policy" or "fallback-triage")
            {
                deciding = rule;
            }
        }

        place ??= deciding?.Inputs.TryGetValue("country", out var c) == true ? c : "this country";
        var why = deciding switch
        {
            { Rule: "scale-global" } => "the inquiry is global in scale, which the Foundation leads",
            { Rule: "formal-needs-legal-entity" } => "a formal agreement needs an entity that can sign it",
            { Rule: "lead-policy" } r => $"for {r.Inputs["topic"]} the policy is {r.Inputs["policy"].Replace('-', ' ')}",
            { Rule: "fallback-triage" } => $"no movement entity covers {place} for these topics",
            _ when decision.Primary.Kind == EntityKind.FoundationTeam => $"no chapter or user group covers {place}, so the Foundation's team answers",
            _ => $"it is the movement's {decision.Primary.Kind.Replace('-', ' ')} for {place}",
        };
        var sentence = $"Routed to {decision.Primary.Name} because {why}.";
        return decision.Collaborators.Count == 0
            ? sentence
            : $"{sentence} Also involved: {string.Join(", ", decision.Collaborators.Select(x => x.Name))}.";
    }
}
