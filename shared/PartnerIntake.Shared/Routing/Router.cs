using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Routing;

/// <summary>
/// Routing is a pure function of (inquiry, tables): deterministic, no I/O, and it explains itself.
/// </summary>
public static class Router
{
    public static RoutingDecision Route(InquirySubmission inquiry, RoutingTables tables)
    {
        var rules = new List<MatchedRule>();
        var passedOver = new List<PassedOver>();
        var org = inquiry.Organization;

        var geographic = GeographicCandidates(org, tables, rules, passedOver);
        var (thematic, topicRoute) = ThematicCandidate(inquiry, tables, rules, passedOver);

        MovementEntity lead;
        var collaborators = new List<(MovementEntity Entity, string Role)>();

        if (inquiry.Scale == "global")
        {
            lead = thematic is { Kind: EntityKind.FoundationTeam } ? thematic : Triage(tables);
            rules.Add(Rule("scale-global", new() { ["scale"] = inquiry.Scale }, $"a global inquiry is led by the Foundation ({lead.Id})"));
            AddCollaborator(collaborators, lead, thematic, "thematic");
            AddCollaborator(collaborators, lead, geographic.FirstOrDefault(), "geographic");
        }
        else if (thematic is not null && geographic.Count > 0)
        {
            var geo = geographic[0];
            var thematicLeads = topicRoute!.Policy is LeadPolicy.ThematicLead or LeadPolicy.FoundationLead;
            lead = thematicLeads ? thematic : geo;
            rules.Add(Rule("lead-policy", new() { ["topic"] = topicRoute.Topic, ["policy"] = topicRoute.Policy },
                $"{topicRoute.Policy}: {lead.Id} leads, {(thematicLeads ? geo.Id : thematic.Id)} collaborates"));
            AddCollaborator(collaborators, lead, thematicLeads ? geo : thematic, thematicLeads ? "geographic" : "thematic");
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
            rules.Add(Rule("fallback-triage", new() { ["country"] = org.Country }, $"no entity fits: {lead.Id} triages"));
        }

        if (inquiry.Agreement == "formal" && !lead.LegalEntity)
        {
            var legal = geographic.FirstOrDefault(e => e.LegalEntity)
                ?? (thematic is { LegalEntity: true } ? thematic : null)
                ?? Triage(tables);
            rules.Add(Rule("formal-needs-legal-entity", new() { ["agreement"] = inquiry.Agreement, ["candidate"] = lead.Id },
                $"{lead.Id} has no legal entity: {legal.Id} leads, {lead.Id} collaborates"));
            passedOver.Add(new PassedOver(lead.Id, "cannot sign formal agreements (no legal entity)"));
            collaborators.RemoveAll(c => c.Entity.Id == legal.Id);
            collaborators.Insert(0, (lead, "partner-facing collaborator"));
            lead = legal;
        }

        var primary = new EntityRef(lead.Id, lead.Name, lead.Kind);
        var collaboratorRefs = collaborators
            .Where(c => c.Entity.Id != lead.Id)
            .DistinctBy(c => c.Entity.Id)
            .Select(c => new Collaborator(c.Entity.Id, c.Entity.Name, c.Entity.Kind, c.Role))
            .ToList();

        return new RoutingDecision(primary, collaboratorRefs, rules, passedOver, tables.Version,
            Summarise(inquiry, primary, collaboratorRefs, rules));
    }

    private static List<MovementEntity> GeographicCandidates(
        OrganizationInfo org, RoutingTables tables, List<MatchedRule> rules, List<PassedOver> passedOver)
    {
        var routes = tables.Regions
            .Where(r => r.Country == org.Country && (r.Subdivision is null || r.Subdivision == org.Subdivision))
            .OrderBy(r => r.Subdivision is null ? 1 : 0); // the subdivision's own route first
        var candidates = new List<MovementEntity>();
        foreach (var route in routes)
        {
            foreach (var id in route.EntityIds)
            {
                var entity = tables.Entity(id);
                if (entity is null || candidates.Any(c => c.Id == id) || entity.Kind == EntityKind.FoundationTeam && id == RoutingTables.TriageEntityId)
                {
                    continue;
                }

                if (!entity.Active)
                {
                    passedOver.Add(new PassedOver(id, $"inactive: {entity.InactiveReason ?? "no reason recorded"}"));
                    continue;
                }

                candidates.Add(entity);
            }

            var inputs = new Dictionary<string, string> { ["country"] = route.Country };
            if (route.Subdivision is not null)
            {
                inputs["subdivision"] = route.Subdivision;
            }

            rules.Add(Rule("region", inputs, string.Join(", ", route.EntityIds)));
        }

        return candidates;
    }

    private static (MovementEntity? Entity, TopicRoute? Route) ThematicCandidate(
        InquirySubmission inquiry, RoutingTables tables, List<MatchedRule> rules, List<PassedOver> passedOver)
    {
        foreach (var topic in inquiry.Topics)
        {
            var route = tables.Topics.FirstOrDefault(t => t.Topic == topic);
            if (route is null || tables.Entity(route.EntityId) is not { } entity)
            {
                continue;
            }

            if (!entity.Active)
            {
                passedOver.Add(new PassedOver(entity.Id, $"inactive: {entity.InactiveReason ?? "no reason recorded"}"));
                continue;
            }

            rules.Add(Rule("topic", new() { ["topic"] = topic }, $"{entity.Id} ({route.Policy})"));
            return (entity, route);
        }

        return (null, null);
    }

    private static MovementEntity Triage(RoutingTables tables) =>
        tables.Entity(RoutingTables.TriageEntityId)
        ?? throw new InvalidOperationException($"Routing tables {tables.Version} lack the triage entity {RoutingTables.TriageEntityId}.");

    private static void AddCollaborator(List<(MovementEntity, string)> collaborators, MovementEntity lead, MovementEntity? candidate, string role)
    {
        if (candidate is not null && candidate.Id != lead.Id)
        {
            collaborators.Add((candidate, role));
        }
    }

    private static MatchedRule Rule(string name, Dictionary<string, string> inputs, string outcome) =>
        new(name, inputs, outcome);

    private static string Summarise(InquirySubmission inquiry, EntityRef primary, List<Collaborator> collaborators, List<MatchedRule> rules)
    {
        var kind = primary.Kind.Replace('-', ' ');
        var why = rules.LastOrDefault(r => r.Rule != "region" && r.Rule != "topic") switch
        {
            { Rule: "scale-global" } => "the inquiry is global in scale, so the Foundation leads",
            { Rule: "formal-needs-legal-entity" } => "a formal agreement needs an entity that can sign it",
            { Rule: "lead-policy" } r => $"the policy for {r.Inputs["topic"]} is {r.Inputs["policy"]}",
            { Rule: "fallback-triage" } => $"no movement entity covers {inquiry.Organization.Country} for these topics yet",
            _ => $"it is the {kind} for {inquiry.Organization.Subdivision ?? inquiry.Organization.Country}",
        };
        var sentence = $"Routed to {primary.Name} ({kind}) because {why}.";
        return collaborators.Count == 0
            ? sentence
            : $"{sentence} Collaborating: {string.Join(", ", collaborators.Select(c => c.Name))}.";
    }
}
