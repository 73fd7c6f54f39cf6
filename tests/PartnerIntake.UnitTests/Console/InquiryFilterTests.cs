using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class InquiryFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Matches_NoState_SpamLeftOutOtherClosedKept()
    {
        var filter = new InquiryFilter().Normalised();

        filter.Matches(Row(InquiryStatus.Closed, InquiryOutcome.Spam)).ShouldBeFalse();
        filter.Matches(Row(InquiryStatus.Closed, InquiryOutcome.Duplicate)).ShouldBeTrue();
        filter.Matches(Row(InquiryStatus.Routed)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(WorkState.Closed, InquiryStatus.Closed, InquiryOutcome.Spam, true)]
    [InlineData(WorkState.Closed, InquiryStatus.Routed, null, false)]
    [InlineData(WorkState.Accepted, InquiryStatus.Accepted, null, true)]
    [InlineData(WorkState.Accepted, InquiryStatus.Routed, null, false)]
    [InlineData(WorkState.Awaiting, InquiryStatus.Routed, null, true)]
    [InlineData(WorkState.Awaiting, InquiryStatus.Accepted, null, false)]
    [InlineData(WorkState.Overdue, InquiryStatus.Closed, InquiryOutcome.NoReply, false)]
    public void Matches_State_ByTheRowsStatus(string state, string status, string? outcome, bool expected)
    {
        new InquiryFilter(State: state).Normalised().Matches(Row(status, outcome)).ShouldBe(expected);
    }

    [Fact]
    public void Normalised_UnknownStateAndLongSearch_StateDroppedSearchCut()
    {
        var filter = new InquiryFilter(State: "everything", Search: "  " + new string('a', 500) + " ").Normalised();

        filter.State.ShouldBeNull();
        filter.Search!.Length.ShouldBe(InquiryFilter.MaxSearchLength);
    }

    [Theory]
    [InlineData("muzeum", true)]
    [InlineData("NARODOWE w", true)]
    [InlineData("library", false)]
    public void Matches_Search_OrganisationNameCaseInsensitive(string search, bool expected)
    {
        var row = Row(InquiryStatus.Routed) with { Submission = ConsoleBuilders.Inquiry(Now).Submission };

        new InquiryFilter(Search: search).Normalised().Matches(row).ShouldBe(expected);
    }

    private static InquiryRow Row(string status, string? outcome = null) =>
        new("PI-7JYR-KH0B-H6MZ-767K", status, Now, "PL", ["data"], null, null, null, null) { Outcome = outcome };
}
