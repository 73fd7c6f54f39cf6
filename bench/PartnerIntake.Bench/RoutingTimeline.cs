namespace PartnerIntake.Bench;

/// <summary>Where the time of the end-to-end run went, per step (see <see cref="RoutingTimeline.Segments"/>).</summary>
/// <param name="Inquiries">Routed inquiries of the run.</param>
/// <param name="Complete">Of those, how many had an assignment and every mail sent (SentAt) when read.</param>
/// <param name="OneStamp">Of the complete ones, how many have routedAt = assignment CreatedAt = every mail's CreatedAt (the commit's one `At`).</param>
/// <param name="MailsPerInquiry">Outbox records per complete inquiry (assignment, collaborators, acknowledgement).</param>
/// <param name="Steps">One summary per entry of <see cref="RoutingTimeline.Segments"/>.</param>
/// <param name="ReceivedToLastMail">receivedAt → the last of its mails' SentAt: until every e-mail has gone out.</param>
public sealed record TimelineResult(
    int Inquiries,
    int Complete,
    int OneStamp,
    double MailsPerInquiry,
    IReadOnlyList<LatencySummary> Steps,
    LatencySummary ReceivedToLastMail);

/// <summary>
/// Splits an inquiry's way through the app at the stamps it stores. Routing commits the routed status, the assignment,
/// its audit entry and the outbox records in one transaction, all stamped with one time (`At`, taken when routing
/// starts deciding, before its writes), then writes the mails and settles them in one more write (each mail's SentAt
/// is taken when its send returned). So what can still be told apart is: the submit (client-measured), the wait
/// until routing starts, and routing's writes plus the mail sends. The final settle write and the queue message's
/// deletion leave no stamp. Read after the run, with the generator's own storage client (one query).
/// </summary>
public static class RoutingTimeline
{
    public static readonly IReadOnlyList<string> Segments =
    [
        "`POST` answered 202: inquiry row insert + queue put (client-measured, so with HTTP)",
        "202 → routedAt (= assignment and outbox `CreatedAt`): queue wait until dequeued, partition read, routing decision",
        "routedAt → last mail's `SentAt`: duplicate index query + insert, reminder row, the routing commit (one transaction), the mails sent (in parallel)",
    ];

    public static TimelineResult Measure(
        IReadOnlyList<(string Reference, double SubmitMs, DateTimeOffset ReceivedAt, DateTimeOffset RoutedAt)> routed,
        IReadOnlyDictionary<string, RoutingStamps> stamps)
    {
        var rows = new List<double[]>();
        var lastMail = new List<double>();
        var mails = new List<int>();
        var oneStamp = 0;
        foreach (var r in routed)
        {
            if (!stamps.TryGetValue(r.Reference, out var s) || s.AssignmentCreatedAt is null || s.Mails.Count == 0
                || s.Mails.Any(m => m.SentAt is null || m.CreatedAt is null))
            {
                continue;
            }

            if (s.AssignmentCreatedAt == r.RoutedAt && s.Mails.All(m => m.CreatedAt == r.RoutedAt))
            {
                oneStamp++;
            }

            var last = s.Mails.Max(m => m.SentAt!.Value);
            var receivedToRouted = (r.RoutedAt - r.ReceivedAt).TotalMilliseconds;
            rows.Add([r.SubmitMs, receivedToRouted - r.SubmitMs, (last - r.RoutedAt).TotalMilliseconds]);
            lastMail.Add((last - r.ReceivedAt).TotalMilliseconds);
            mails.Add(s.Mails.Count);
        }

        return new TimelineResult(
            routed.Count,
            rows.Count,
            oneStamp,
            mails.Count > 0 ? mails.Average() : double.NaN,
            Enumerable.Range(0, Segments.Count).Select(i => LatencySummary.Of(rows.Select(r => r[i]))).ToList(),
            LatencySummary.Of(lastMail));
    }
}
