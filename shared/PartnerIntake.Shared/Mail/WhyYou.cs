using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Mail;

/// <summary>Why the next entity in line is next, after a decline.</summary>
public enum NextInLine
{
    /// <summary>It also covers the partner's area (a lower candidate of the original decision).</summary>
    Region,

    /// <summary>It is the declining entity's fallback.</summary>
    Fallback,

    /// <summary>Foundation partnerships triage, which takes what nobody else in line can.</summary>
    Triage,
}

/// <summary>How an inquiry reached its new assignee: the assignment it came from, why this one is next, and the hops before.</summary>
public sealed record HandOn(InquiryAssignment From, NextInLine Next, IReadOnlyList<InquiryAssignment> Earlier);

/// <summary>
/// The one human sentence that tells an entity why it got an inquiry, in the entity's language: for the first
/// assignee from the routing decision, for a collaborator from its role, for a later assignee from the hand-on
/// (never the first assignee's reason, never printed twice).
/// </summary>
public static class WhyYou
{
    public static string ForAssignee(RoutingDecision decision, InquirySubmission inquiry, string lang, HandOn? handOn = null) =>
        handOn is null ? ForFirst(decision, inquiry, lang) : ForHandOn(handOn, inquiry, lang);

    public static string ForCollaborator(RoutingDecision decision, Collaborator collaborator, InquirySubmission inquiry, string lang)
    {
        // A topic-based role names its topic: the sentence names that one, not all the partner's topics.
        var topics = MailText.RoleTopic(collaborator.Role) is { } topic && topic != "*" && inquiry.Topics.Contains(topic)
            ? MailText.Topic(topic, lang)
            : MailText.List(MailText.Topics(inquiry.Topics, lang), lang);
        return MailText.Format("Collab_" + MailText.RoleKey(collaborator.Role), lang, topics, decision.Primary.Name, Place(decision, inquiry, lang));
    }

    /// <summary>One line per earlier hop (not the last one, which the sentence tells), with its reason.</summary>
    public static IReadOnlyList<string> EarlierLines(HandOn? handOn, string lang) =>
        handOn?.Earlier.Where(a => AssignmentStateMachine.HandsOn(a.State))
            .OrderBy(a => a.Sequence)
            .Select(a =>
            {
                var line = MailText.Format(IsReassignment(a) ? "Earlier_reassigned" : "Earlier_" + a.State, lang, a.Assignee.Name);
                return a.Reason is { Length: > 0 } reason ? MailText.Format("Earlier_WithReason", lang, line, reason) : line;
            })
            .ToList() ?? [];

    private static string ForHandOn(HandOn handOn, InquirySubmission inquiry, string lang)
    {
        var from = handOn.From;
        return from.State switch
        {
            AssignmentState.Redirected when IsReassignment(from) => MailText.Format("Why_Reassigned", lang, from.Reason ?? ""),
            AssignmentState.Redirected => MailText.Format("Why_Redirected", lang, from.Assignee.Name, from.Reason ?? ""),
            AssignmentState.Declined => MailText.Format("Why_Declined", lang, from.Assignee.Name, from.Reason ?? "", handOn.Next switch
            {
                NextInLine.Fallback => MailText.Format("Next_Fallback", lang, from.Assignee.Name),
                NextInLine.Triage => MailText.Get("Next_Triage", lang),
                _ => MailText.Format("Next_Region", lang, Place(from.Decision, inquiry, lang)),
            }),
            _ => MailText.Format("Why_Escalated", lang, from.Assignee.Name, from.AckSlaDays),
        };
    }

    private static string ForFirst(RoutingDecision decision, InquirySubmission inquiry, string lang)
    {
        var place = Place(decision, inquiry, lang);
        MatchedRule? deciding = null;
        string? topic = null;
        foreach (var rule in decision.Rules)
        {
            if (rule.Rule is "scale-global" or "formal-needs-legal-entity" or "lead-policy" or "fallback-triage")
            {
                deciding = rule;
            }
            else if (rule.Rule == "topic" && rule.Outcome.StartsWith(decision.Primary.Id + " ", StringComparison.Ordinal)
                     && rule.Inputs.TryGetValue("topic", out var t) && t != "*")
            {
                topic ??= t;
            }
        }

        return deciding switch
        {
            { Rule: "scale-global" } => MailText.Get("Why_Global", lang),
            { Rule: "formal-needs-legal-entity" } => MailText.Format("Why_Formal", lang, place),
            { Rule: "fallback-triage" } => MailText.Format("Why_Triage", lang, place),
            { Rule: "lead-policy" } r when r.Inputs["policy"] != "geographic-lead" && r.Inputs["topic"] != "*" =>
                MailText.Format("Why_Topic", lang, MailText.Topic(r.Inputs["topic"], lang)),
            _ when topic is not null && !decision.Rules.Any(r => r.Rule == "region") => MailText.Format("Why_Topic", lang, MailText.Topic(topic, lang)),
            _ when decision.Primary.Kind == EntityKind.FoundationTeam => MailText.Format("Why_FoundationRegion", lang, place),
            _ => MailText.Format("Why_Area", lang, MailText.EntityKind(decision.Primary.Kind, lang), place,
                MailText.List(MailText.Topics(inquiry.Topics, lang), lang)),
        };
    }

    /// <summary>An operator moved it in the console (a redirect the assignee did not make).</summary>
    private static bool IsReassignment(InquiryAssignment assignment) => Actors.IsOperator(assignment.ActedBy);

    /// <summary>The area routing matched: the subdivision when a region row matched it, else the country.</summary>
    private static string Place(RoutingDecision decision, InquirySubmission inquiry, string lang)
    {
        var bySubdivision = decision.Rules.Any(r => r.Rule == "region" && r.Inputs.ContainsKey("subdivision"));
        return MailText.Place(inquiry.Organization.Country, bySubdivision ? inquiry.Organization.Subdivision : null, lang);
    }
}
