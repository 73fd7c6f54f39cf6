using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Web.Links;

public enum AssignmentLinkStatus
{
    Valid,
    Expired,
    NotValid,
}

/// <summary>
/// What an assignment e-mail's signed link grants. Only the e-mail's own actions count: a correctly signed token
/// for anything else (an unsubscribe link, the timer's escalation) is not valid here.
/// </summary>
public static class AssignmentLink
{
    public static (AssignmentLinkStatus Status, ActionClaim? Claim) Check(ActionLinks links, string? token)
    {
        var (check, claim) = links.Verify(token);
        return check switch
        {
            LinkCheck.Valid when AssignmentAction.FromLinks.Contains(claim!.Action) => (AssignmentLinkStatus.Valid, claim),
            LinkCheck.Expired => (AssignmentLinkStatus.Expired, claim),
            _ => (AssignmentLinkStatus.NotValid, null),
        };
    }
}
