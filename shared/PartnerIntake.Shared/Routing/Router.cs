using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Routing;

/// <summary>
/// Routing is a pure function of (inquiry, tables): deterministic, no I/O, and it explains itself.
/// Geography comes from regions (subdivision first, then country, in the table's order); topics
/// from topic rows whose conditions match ("*" rows first). When both fit, the matching row's
/// policy decides who leads and the other collaborates — never silent rule order.
/// Hot path: index loops and pre-built strings rather than LINQ, so a decision costs about a microsecond.
/// </summary>
public static class Router
{
    private const string Global = "global";

    public static RoutingDecision Route(InquirySubmission inquiry, RoutingTables tables)
    {
        var rules = new List<MatchedRule>(4);
        var passedOver = new List<PassedOver>(2);
        var collaborators = new List<Collaborator>(2);
        var org = inquiry.Organization;

        var geographic = GeographicCandidates(org, tables, rules, passedOver);
        var (thematic, thematicRule) = ThematicCandidate(inquiry, tables, rules, passedOver, collaborators);
        var firstGeo = geographic.Count > 0 ? geographic[0] : null;

        MovementEntity lead;
        if (inquiry.Scale == Global)
        {
            lead = thematic is { Kind: EntityKind.FoundationTeam } ? thematic : Triage(tables);
            rules.Add(new("scale-global", new RuleInputs(Pair("scale", inquiry.Scale)), lead.Id));
            AddCollaborator(collaborators, thematic, "thematic");
            AddCollaborator(collaborators, firstGeo, "geographic");
        }
        else if (thematic is not null && firstGeo is not null)
        {
            var thematicLeads = thematicRule!.Policy is LeadPolicy.ThematicLead or LeadPolicy.FoundationLead;
            lead = thematicLeads ? thematic : firstGeo;
            rules.Add(new("lead-policy", new RuleInputs(Pair("topic", thematicRule.Topic), Pair("policy", thematicRule.Policy)), lead.Id));
            AddCollaborator(collaborators, thematicLeads ? firstGeo : thematic, thematicLeads ? "geographic" : "thematic");
        }
        else
        {
            lead = firstGeo ?? thematic ?? Triage(tables);
            if (firstGeo is null && thematic is null)
            {
                rules.Add(new("fallback-triage", new RuleInputs(Pair("country", org.Country)), lead.Id));
            }
        }

        if (inquiry.Agreement == "formal" && !lead.LegalEntity)
        {
            var legal = FirstLegal(geographic) ?? (thematic is { LegalEntity: true } ? thematic : null) ?? Triage(tables);
            rules.Add(new("formal-needs-legal-entity", new RuleInputs(Pair("agreement", inquiry.Agreement), Pair("candidate", lead.Id)), legal.Id));
            passedOver.Add(new PassedOver(lead.Id, "cannot lead a formal agreement: no legal entity"));
            Remove(collaborators, lead.Id);
            collaborators.Insert(0, new Collaborator(lead.Id, lead.Name, lead.Kind, "partner-facing collaborator"));
            lead = legal;
        }

        Remove(collaborators, lead.Id);
        var collaboratorRefs = collaborators;

        for (var i = 1; i < geographic.Count; i++)
        {
            var other = geographic[i];
            if (other.Id != lead.Id && !Contains(collaboratorRefs, other.Id))
            {
                passedOver.Add(new PassedOver(other.Id, "lower in the region's order"));
            }
        }

        return new RoutingDecision(new EntityRef(lead.Id, lead.Name, lead.Kind), collaboratorRefs, rules, passedOver, tables.Version);
    }

    private static List<MovementEntity> GeographicCandidates(
        OrganizationInfo org, RoutingTables tables, List<MatchedRule> rules, List<PassedOver> passedOver)
    {
        var own = org.Subdivision is { } sub ? tables.Region(sub) : null;
        var country = tables.Region(org.Country);
        var candidates = new List<MovementEntity>((own?.EntityIds.Count ?? 0) + (country?.EntityIds.Count ?? 0));
        if (own is not null)
        {
            Collect(own, tables, candidates, passedOver);
            rules.Add(own.Matched);
        }

        if (country is not null)
        {
            Collect(country, tables, candidates, passedOver);
            rules.Add(country.Matched);
        }

        return candidates;
    }

    private static void Collect(RegionRoute route, RoutingTables tables, List<MovementEntity> candidates, List<PassedOver> passedOver)
    {
        for (var i = 0; i < route.EntityIds.Count; i++)
        {
            if (tables.Entity(route.EntityIds[i]) is not { } entity || candidates.Contains(entity))
            {
                continue;
            }

            if (entity.Active)
            {
                candidates.Add(entity);
            }
            else
            {
                AddInactive(passedOver, entity);
            }
        }
    }

    private static (MovementEntity? Entity, TopicRoute? Rule) ThematicCandidate(
        InquirySubmission inquiry, RoutingTables tables, List<MatchedRule> rules, List<PassedOver> passedOver,
        List<Collaborator> collaborators)
    {
        MovementEntity? thematic = null;
        TopicRoute? chosen = null;

        // "*" rows first: they carry cross-cutting conditions (e.g. content in Catalan) that outrank a topic's default.
        for (var i = -1; i < inquiry.Topics.Count; i++)
        {
            var rows = tables.RulesFor(i < 0 ? "*" : inquiry.Topics[i]);
            for (var r = 0; r < rows.Count; r++)
            {
                var rule = rows[r];
                if (!rule.When.Matches(inquiry, tables) || tables.Entity(rule.EntityId) is not { } entity)
                {
                    continue;
                }

                if (!entity.Active)
                {
                    AddInactive(passedOver, entity);
                    continue;
                }

                if (rule.Policy == LeadPolicy.Collaborator)
                {
                    AddCollaborator(collaborators, entity, rule.CollaboratorRole);
                    rules.Add(new("topic-collaborator", RuleInputs(rule, inquiry), entity.Id));
                    continue;
                }

                if (thematic is null)
                {
                    (thematic, chosen) = (entity, rule);
                    rules.Add(rule.When.IsAlways ? rule.MatchedUnconditionally : new("topic", RuleInputs(rule, inquiry), rule.Outcome));
                }
                else if (entity.Id != thematic.Id)
                {
                    // A second topic's entity is kept as a collaborator, and the record says so.
                    AddCollaborator(collaborators, entity, rule.CollaboratorRole);
                    rules.Add(new("additional-topic", RuleInputs(rule, inquiry), entity.Id));
                }

                break; // the first matching lead row of a topic decides that topic
            }
        }

        return (thematic, chosen);
    }

    /// <summary>The rule's topic plus the inquiry values its conditions looked at.</summary>
    private static RuleInputs RuleInputs(TopicRoute rule, InquirySubmission inquiry)
    {
        var when = rule.When;
        if (when.IsAlways)
        {
            return new RuleInputs(Pair("topic", rule.Topic));
        }

        var conditions = (when.Scales is null ? 0 : 1) + (when.Areas is null ? 0 : 1) + (when.ContentLanguages is null ? 0 : 1) + (when.NoChapter ? 1 : 0);
        if (conditions == 1)
        {
            var only = when.Scales is not null ? Pair("scale", inquiry.Scale)
                : when.Areas is not null ? Pair("area", inquiry.Organization.Subdivision ?? inquiry.Organization.Country)
                : when.ContentLanguages is not null ? Pair("contentLanguages", string.Join(',', inquiry.ContentLanguages))
                : Pair("noChapter", inquiry.Organization.Country);
            return new RuleInputs(Pair("topic", rule.Topic), only);
        }

        return new RuleInputs([Pair("topic", rule.Topic), .. ConditionInputs(when, inquiry)]);
    }

    private static IEnumerable<KeyValuePair<string, string>> ConditionInputs(RuleCondition when, InquirySubmission inquiry)
    {
        if (when.Scales is not null)
        {
            yield return Pair("scale", inquiry.Scale);
        }

        if (when.Areas is not null)
        {
            yield return Pair("area", inquiry.Organization.Subdivision ?? inquiry.Organization.Country);
        }

        if (when.ContentLanguages is not null)
        {
            yield return Pair("contentLanguages", string.Join(',', inquiry.ContentLanguages));
        }

        if (when.NoChapter)
        {
            yield return Pair("noChapter", inquiry.Organization.Country);
        }
    }

    private static MovementEntity? FirstLegal(List<MovementEntity> entities)
    {
        foreach (var entity in entities)
        {
            if (entity.LegalEntity)
            {
                return entity;
            }
        }

        return null;
    }

    private static void Remove(List<Collaborator> collaborators, string id)
    {
        for (var i = collaborators.Count - 1; i >= 0; i--)
        {
            if (collaborators[i].Id == id)
            {
                collaborators.RemoveAt(i);
            }
        }
    }

    private static bool Contains(List<Collaborator> collaborators, string id)
    {
        foreach (var c in collaborators)
        {
            if (c.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddInactive(List<PassedOver> passedOver, MovementEntity entity)
    {
        foreach (var p in passedOver)
        {
            if (p.Id == entity.Id)
            {
                return;
            }
        }

        passedOver.Add(new PassedOver(entity.Id, entity.InactiveNote));
    }

    private static MovementEntity Triage(RoutingTables tables) =>
        tables.Entity(RoutingTables.TriageEntityId)
        ?? throw new InvalidOperationException($"Routing tables {tables.Version} lack the triage entity {RoutingTables.TriageEntityId}.");

    private static void AddCollaborator(List<Collaborator> collaborators, MovementEntity? candidate, string role)
    {
        if (candidate is not null && !Contains(collaborators, candidate.Id))
        {
            collaborators.Add(new Collaborator(candidate.Id, candidate.Name, candidate.Kind, role));
        }
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}
