using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Assignment;

public class NextCandidateTests
{
    private static readonly RoutingTables Tables = Builders.SeedTables();

    [Fact]
    public void NextCandidate_ChapterDeclines_LowerGeographicCandidateFirst()
    {
        var first = Assignment(Builders.Submission(country: "PL"), 1);

        AssignmentLifecycle.NextCandidate(first, [first], Tables)!.Id.ShouldBe("wmf-region-cee");
    }

    [Fact]
    public void NextCandidate_RegionalTeamAlsoHadIt_FallsBackToTriage()
    {
        var first = Assignment(Builders.Submission(country: "PL"), 1);
        var second = first with { Sequence = 2, Assignee = new EntityRef("wmf-region-cee", "CEE", EntityKind.FoundationTeam) };

        AssignmentLifecycle.NextCandidate(second, [first, second], Tables)!.Id.ShouldBe(RoutingTables.TriageEntityId);
    }

    [Fact]
    public void NextCandidate_TriageHadItToo_IsNull()
    {
        var first = Assignment(Builders.Submission(country: "PL"), 1);
        var history = new[]
        {
            first,
            first with { Sequence = 2, Assignee = new EntityRef("wmf-region-cee", "CEE", EntityKind.FoundationTeam) },
            first with { Sequence = 3, Assignee = new EntityRef(RoutingTables.TriageEntityId, "Triage", EntityKind.FoundationTeam) },
        };

        AssignmentLifecycle.NextCandidate(history[2], history, Tables).ShouldBeNull();
    }

    private static InquiryAssignment Assignment(PartnerIntake.Shared.Intake.InquirySubmission submission, int sequence)
    {
        var decision = Router.Route(submission, Tables);
        return new InquiryAssignment("PI-AAAA-BBBB-CCCC-DDDD", sequence, decision.Primary, "x@example.org", 5,
            AssignmentState.Declined, DateTimeOffset.UnixEpoch, decision);
    }
}
