using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.UnitTests.Assignment;

public class AssignmentStateMachineTests
{
    [Theory]
    [InlineData(AssignmentState.Pending, AssignmentAction.Accept, AssignmentState.Accepted)]
    [InlineData(AssignmentState.Pending, AssignmentAction.Redirect, AssignmentState.Redirected)]
    [InlineData(AssignmentState.Pending, AssignmentAction.Decline, AssignmentState.Declined)]
    [InlineData(AssignmentState.Pending, AssignmentAction.Escalate, AssignmentState.Escalated)]
    [InlineData(AssignmentState.Accepted, AssignmentAction.Redirect, AssignmentState.Redirected)]
    public void Next_AllowedTransition_GivesTheNewState(string state, string action, string expected)
    {
        AssignmentStateMachine.Next(state, action).ShouldBe(expected);
    }

    [Theory]
    [InlineData(AssignmentState.Accepted, AssignmentAction.Accept)]
    [InlineData(AssignmentState.Accepted, AssignmentAction.Decline)]
    [InlineData(AssignmentState.Accepted, AssignmentAction.Escalate)]
    [InlineData(AssignmentState.Declined, AssignmentAction.Accept)]
    [InlineData(AssignmentState.Redirected, AssignmentAction.Redirect)]
    [InlineData(AssignmentState.Escalated, AssignmentAction.Accept)]
    [InlineData(AssignmentState.Pending, "delete")]
    public void Next_RefusedTransition_IsNull(string state, string action)
    {
        AssignmentStateMachine.Next(state, action).ShouldBeNull();
    }

    [Theory]
    [InlineData(AssignmentState.Redirected, true)]
    [InlineData(AssignmentState.Declined, true)]
    [InlineData(AssignmentState.Escalated, true)]
    [InlineData(AssignmentState.Accepted, false)]
    [InlineData(AssignmentState.Pending, false)]
    public void HandsOn_State_SaysWhetherSomeoneElseTakesOver(string state, bool expected)
    {
        AssignmentStateMachine.HandsOn(state).ShouldBe(expected);
    }

    [Fact]
    public void AuditKeys_ForOneAssignment_SortInTheOrderThingsHappen()
    {
        string[] keys = [AuditKeys.Acted(1, AssignmentState.Escalated), AuditKeys.Assigned(2), AuditKeys.Reminded(1), AuditKeys.Assigned(1)];

        keys.Order(StringComparer.Ordinal).ShouldBe([AuditKeys.Assigned(1), AuditKeys.Reminded(1), AuditKeys.Acted(1, AssignmentState.Escalated), AuditKeys.Assigned(2)]);
    }
}
