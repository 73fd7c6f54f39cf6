using System.Globalization;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Web.Links;

/// <summary>One group of the redirect list: <see cref="RedirectChoices.Suggested"/> or an entity kind.</summary>
public sealed record RedirectGroup(string Key, IReadOnlyList<MovementEntity> Entities);

/// <summary>
/// The entities a redirect may name, grouped for the page: first the likely ones (those the routing tables tie to the
/// inquiry's country, subdivision or topics, and the decision's collaborators and passed-over candidates), then every
/// other active entity by kind, each group by name. The current assignee and inactive entities are not offered.
/// </summary>
public static class RedirectChoices
{
    public const string Suggested = "suggested";

    /// <summary>The order of the kinds' groups: the movement's own organisations before the Foundation's teams.</summary>
    public static readonly IReadOnlyList<string> KindOrder =
        [EntityKind.Chapter, EntityKind.ThematicOrganization, EntityKind.UserGroup, EntityKind.Hub, EntityKind.FoundationTeam];

    public static IReadOnlyList<RedirectGroup> For(Inquiry inquiry, InquiryAssignment assignment, RoutingTables tables, CultureInfo culture)
    {
        var offered = tables.Entities.Where(e => e.Active && e.Id != assignment.Assignee.Id).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var suggested = Likely(inquiry.Submission, assignment.Decision, tables)
            .Distinct(StringComparer.Ordinal)
            .Select(id => offered.GetValueOrDefault(id))
            .OfType<MovementEntity>()
            .ToList();
        var taken = suggested.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var byName = StringComparer.Create(culture, CompareOptions.IgnoreCase);

        var groups = new List<RedirectGroup>();
        if (suggested.Count > 0)
        {
            groups.Add(new RedirectGroup(Suggested, suggested));
        }

        foreach (var kind in KindOrder)
        {
            var members = offered.Values.Where(e => e.Kind == kind && !taken.Contains(e.Id)).OrderBy(e => e.Name, byName).ToList();
            if (members.Count > 0)
            {
                groups.Add(new RedirectGroup(kind, members));
            }
        }

        return groups;
    }

    /// <summary>Likely entities, most likely first: the subdivision's and the country's in their order, then topic matches.</summary>
    private static IEnumerable<string> Likely(InquirySubmission submission, RoutingDecision decision, RoutingTables tables)
    {
        var organization = submission.Organization;
        if (organization.Subdivision is { } subdivision && tables.Region(subdivision) is { } local)
        {
            foreach (var id in local.EntityIds)
            {
                yield return id;
            }
        }

        if (tables.Region(organization.Country) is { } national)
        {
            foreach (var id in national.EntityIds)
            {
                yield return id;
            }
        }

        foreach (var rule in submission.Topics.SelectMany(tables.RulesFor).Concat(tables.RulesFor("*")))
        {
            if (rule.When.Matches(submission, tables))
            {
                yield return rule.EntityId;
            }
        }

        foreach (var collaborator in decision.Collaborators)
        {
            yield return collaborator.Id;
        }

        foreach (var passed in decision.PassedOver)
        {
            yield return passed.Id;
        }
    }
}
