using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Links;

/// <summary>An assignment link's page speaks the assigned entity's working language (the first of its languages the pages offer), else English.</summary>
public sealed class AssignmentPageLanguage(ActionLinks links, IAssignmentStore assignments, IRoutingTablesSource tables) : IPageLanguage
{
    public async Task<string?> LanguageAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (_, claim) = AssignmentLink.Check(links, context.GetRouteValue("token") as string);
        if (claim is null || !AssignmentAction.FromLinks.Contains(claim.Action))
        {
            return null; // not one of our links: the visitor's own language
        }

        try
        {
            var assignment = await assignments.GetAsync(claim.Reference, claim.Sequence, cancellationToken);
            if (assignment is null)
            {
                return null;
            }

            var entity = (await tables.GetLiveAsync(cancellationToken)).Entity(assignment.Assignee.Id);
            return PageLanguageProvider.FirstSupported(entity?.Languages ?? []);
        }
        catch (StorageUnavailableException)
        {
            return null; // the page's own read fails the same way and answers 503, in the visitor's language
        }
    }
}
