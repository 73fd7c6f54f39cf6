using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.UnitTests.Console;

public class AttentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly List<AttentionRow> rows = [];

    [Theory]
    [InlineData(InquiryStatus.Routed, AssignmentState.Pending, -1, true)]
    [InlineData(InquiryStatus.Routed, AssignmentState.Pending, 1, false)]
    [InlineData(InquiryStatus.Routed, AssignmentState.Escalated, 1, true)]
    [InlineData(InquiryStatus.Routed, AssignmentState.Declined, 1, true)]
    [InlineData(InquiryStatus.Accepted, AssignmentState.Accepted, -1, false)]
    [InlineData(InquiryStatus.Closed, AssignmentState.Pending, -1, false)]
    public void IsOverdue_LatestAssignment_PendingPastSlaOrHandedOnWithNobodyAfter(string status, string state, int hoursToSla, bool expected)
    {
        WorkState.IsOverdue(new AttentionRow("r", status, state, Now.AddHours(hoursToSla), 0, 0), Now).ShouldBe(expected);
    }

    [Fact]
    public async Task GetAsync_Rows_CountsOverdueFailedBouncedAndPoisonClosedIgnored()
    {
        rows.Add(new AttentionRow("a", InquiryStatus.Routed, AssignmentState.Pending, Now.AddHours(-2), 1, 0));
        rows.Add(new AttentionRow("b", InquiryStatus.Routed, AssignmentState.Pending, Now.AddDays(2), 0, 2));
        rows.Add(new AttentionRow("c", InquiryStatus.Closed, AssignmentState.Pending, Now.AddHours(-2), 3, 3));

        var attention = await CreateSut().GetAsync([new QueueCount("inquiries-poison", 4)], default);

        attention.ShouldBe(new NeedsAttention(Overdue: 1, FailedMails: 1, Poison: 4, Bounced: 2, Truncated: false));
        attention.Total.ShouldBe(8);
    }

    [Theory]
    [InlineData("pending", "HttpRequestException", true)]
    [InlineData("sent", "HttpRequestException", false)]
    [InlineData("pending", null, false)]
    public void IsFailedMail_StateAndError(string state, string? error, bool expected) =>
        AttentionQuery.IsFailedMail(state, error).ShouldBe(expected);

    private AttentionQuery CreateSut() => new(new Source(rows), new FakeTimeProvider(Now));

    private sealed class Source(List<AttentionRow> rows) : IAttentionSource
    {
        public Task<(IReadOnlyList<AttentionRow> Rows, bool Truncated)> ReadAttentionAsync(CancellationToken cancellationToken) =>
            Task.FromResult<(IReadOnlyList<AttentionRow>, bool)>((rows, false));
    }
}
