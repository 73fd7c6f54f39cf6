using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Routing;

/// <summary>
/// Routing is a pure function of (inquiry, tables): deterministic, no I/O, and it explains itself.
/// Geography comes from regions (subdivision first, then country, in the table's order); topics
/// from topic rows whose conditions match. When both fit, the matching row's policy decides who
/// leads and the other collaborates — never silent rule order.
/// </summary>
public static class Router
{
    public static RoutingDecision Route(InquirySubmission inquiry, RoutingTables tables)
    {
        var rules = new List<MatchedRule>(6);
        var passedOver = new List<PassedOver>(2);
        var collaborators = new List<(MovementEntity Entity, string Role)>(3);
        var org = inquiry.Organization;

        var geographic = GeographicCandidates(org, tables, rules, passedOver);
        var (thematic, thematicRule) = ThematicCandidate(inquiry, tables, rules, passedOver, collaborators);

        MovementEntity lead;
        if (inquiry.Scale == "global")
        {
            lead = thematic is { Kind: EntityKind.FoundationTeam } ? thematic : Triage(tables);
            rules.Add(new("scale-global", Inputs("scale", inquiry.Scale), $"{lead.Id} leads: a global inquiry is a Foundation matter"));
            AddCollaborator(collaborators, thematic, "thematic");
            AddCollaborator(collaborators, geographic.FirstOrDefault(), "geographic");
        }
        else if (thematic is not null && geographic.Count > 0)
        {
            var geo = geographic[0];
            var thematicLeads = thematicRule!.Policy is LeadPolicy.ThematicLead or LeadPolicy.FoundationLead;
            lead = thematicLeads ? thematic : geo;
            rules.Add(new("lead-policy", Inputs("topic", thematicRule.Topic, "policy", thematicRule.Policy),
                $"{lead.Id} leads, {(thematicLeads ? geo.Id : thematic.Id)} collaborates"));
            AddCollaborator(collaborators, thematicLeads ? geo : thematic, thematicLeads ? "geographic" : "thematic");
        }
        else if (geographic.Count > 0)
        {
            lead = geographic[0];
        }
        else if (thematic is not null)
        {
            lead = thematic;
        }
        else
        {
            lead = Triage(tables);
            rules.Add(new("fallback-triage", Inputs("country", org.Country), $"no entity fits: {lead.Id} triages"));
        }

        if (inquiry.Agreement == "formal" && !lead.LegalEntity)
        {
            var legal = geographic.FirstOrDefault(e => e.LegalEntity)
                ?? (thematic is { LegalEntity: true } ? thematic : null)
                ?? Triage(tables);
            rules.Add(new("formal-needs-legal-entity", Inputs("agreement", inquiry.Agreement, "candidate", lead.Id),
                $"{legal.Id} leads, {lead.Id} collaborates"));
            passedOver.Add(new PassedOver(lead.Id, "cannot lead a formal agreement: no legal entity"));
            collaborators.Insert(0, (lead, "partner-facing collaborator"));
            lead = legal;
        }

        foreach (var other in geographic.Skip(1))
        {
            if (other.Id != lead.Id && collaborators.All(c => c.Entity.Id != other.Id))
            {
                passedOver.Add(new PassedOver(other.Id, $"lower in the {org.Subdivision ?? org.Country} order than {geographic[0].Id}"));
            }
        }

        var primary = new EntityRef(lead.Id, lead.Name, lead.Kind);
        var collaboratorRefs = new List<Collaborator>(collaborators.Count);
        foreach (var (entity, role) in collaborators)
        {
            if (entity.Id != lead.Id && collaboratorRefs.All(c => c.Id != entity.Id))
            {
                collaboratorRefs.Add(new Collaborator(entity.Id, entity.Name, entity.Kind, role));
            }
        }

        return new RoutingDecision(primary, collaboratorRefs, rules, passedOver, tables.Version,
            Summarise(inquiry, lead, collaboratorRefs, rules));
    }

    private static List<MovementEntity> GeographicCandidates(
        OrganizationInfo org, RoutingTables tables, List<MatchedRule> rules, List<PassedOver> passedOver)
    {
        var candidates = new List<MovementEntity>(4);
        if (org.Subdivision is { } subdivision && tables.Region(subdivision) is { } own)
        {
            Collect(own, tables, candidates, passedOver);
            rules.Add(new("region", Inputs("country", org.Country, "subdivision", subdivision), string.Join(" > ", own.EntityIds)));
        }

        if (tables.Region(org.Country) is { } country)
        {
            Collect(country, tables, candidates, passedOver);
            rules.Add(new("region", Inputs("country", org.Country), string.Join(" > ", country.EntityIds)));
        }

        return candidates;
    }

    private static void Collect(RegionRoute route, RoutingTables tables, List<MovementEntity> candidates, List<PassedOver> passedOver)
    {
        foreach (var id in route.EntityIds)
        {
            if (tables.Entity(id) is not { } entity || candidates.Contains(entity))
            {
                continue;
            }

            if (!entity.Active)
            {
                AddInactive(passedOver, entity);
                continue;
            }

            candidates.Add(entity);
        }
    }

    private static (MovementEntity? Entity, TopicRoute? Rule) ThematicCandidate(
        InquirySubmission inquiry, RoutingTables tables, List<MatchedRule> rules, List<PassedOver> passedOver,
        List<(MovementEntity Entity, string Role)> collaborators)
    {
        MovementEntity? thematic = null;
        TopicRoute? chosen = null;
        // "*" rows first: they carry cross-cutting conditions (e.g. content in Catalan) that outrank a topic's default.
        for (var i = -1; i < inquiry.Topics.Count; i++)
        {
            var topic = i < 0 ? "*" : inquiry.Topics[i];
            foreach (var rule in tables.RulesFor(topic))
            {
                if (!rule.When.Matches(inquiry, tables) || tables.Entity(rule.EntityId) is not { } entity)
                {
                    continue;
                }

                if (!entity.Active)
                {
                    AddInactive(passedOver, entity);
                    continue;
                }

                var inputs = RuleInputs(rule, inquiry);
                if (rule.Policy == LeadPolicy.Collaborator)
                {
                    collaborators.Add((entity, $"collaborator for {rule.Topic}"));
                    rules.Add(new("topic-collaborator", inputs, entity.Id));
                    continue;
                }

                if (thematic is null)
                {
                    (thematic, chosen) = (entity, rule);
                    rules.Add(new("topic", inputs, $"{entity.Id} ({rule.Policy})"));
                }
                else if (entity.Id != thematic.Id)
                {
                    // A second topic's entity is kept as a collaborator, and the record says so.
                    collaborators.Add((entity, $"thematic ({rule.Topic})"));
                    rules.Add(new("additional-topic", inputs, $"{entity.Id} collaborates; {thematic.Id} came first"));
                }

                break; // the first matching lead row of a topic decides that topic
            }
        }

        return (thematic, chosen);
    }

    private static Dictionary<string, string> RuleInputs(TopicRoute rule, InquirySubmission inquiry)
    {
        var inputs = Inputs("topic", rule.Topic);
        var when = rule.When;
        if (when.Scales is not null)
        {
            inputs["scale"] = inquiry.Scale;
        }

        if (when.Areas is not null)
        {
            inputs["area"] = inquiry.Organization.Subdivision ?? inquiry.Organization.Country;
        }

        if (when.ContentLanguages is not null)
        {
            inputs["contentLanguages"] = string.Join(',', inquiry.ContentLanguages);
        }

        if (when.NoChapter)
        {
            inputs["noChapter"] = inquiry.Organization.Country;
        }

        return inputs;
    }

    private static void AddInactive(List<PassedOver> passedOver, MovementEntity entity)
    {
        if (passedOver.All(p => p.Id != entity.Id))
        {
            var since = entity.InactiveSince is { } d ? $" since {d:yyyy-MM-dd}" : "";
            passedOver.Add(new PassedOver(entity.Id, $"inactive{since}: {entity.InactiveReason ?? "no reason recorded"}"));
        }
    }

    private static MovementEntity Triage(RoutingTables tables) =>
        tables.Entity(RoutingTables.TriageEntityId)
        ?? throw new InvalidOperationException($"Routing tables {tables.Version} lack the triage entity {RoutingTables.TriageEntityId}.");

    private static void AddCollaborator(List<(MovementEntity, string)> collaborators, MovementEntity? candidate, string role)
    {
        if (candidate is not null)
        {
            collaborators.Add((candidate, role));
        }
    }

    private static Dictionary<string, string> Inputs(string k1, string v1) => new(StringComparer.Ordinal) { [k1] = v1 };

    private static Dictionary<string, string> Inputs(string k1, string v1, string k2, string v2) =>
        new(StringComparer.Ordinal) { [k1] = v1, [k2] = v2 };

    private static string Summarise(InquirySubmission inquiry, MovementEntity lead, List<Collaborator> collaborators, List<MatchedRule> rules)
    {
        var place = inquiry.Organization.Subdivision ?? inquiry.Organization.Country;
        var why = rules.FindLast(r => r.Rule is "scale-global" or "formal-needs-legal-entity" or "lead-policy" or "fallback-triage") switch
        {
            { Rule: "scale-global" } => "the inquiry is global in scale, which the Foundation leads",
            { Rule: "formal-needs-legal-entity" } => "a formal agreement needs an entity that can sign it",
            { Rule: "lead-policy" } r => $"for {r.Inputs["topic"]} the policy is {r.Inputs["policy"].Replace('-', ' ')}",
            { Rule: "fallback-triage" } => $"no movement entity covers {place} for these topics",
            _ when lead.Kind == EntityKind.FoundationTeam => $"no chapter or user group covers {place}, so the Foundation's team answers",
            _ => $"it is the movement's {lead.Kind.Replace('-', ' ')} for {place}",
        };
        var sentence = $"Routed to {lead.Name} because {why}.";
        return collaborators.Count == 0
            ? sentence
            : $"{sentence} Also involved: {string.Join(", ", collaborators.Select(c => c.Name))}.";
    }
}
