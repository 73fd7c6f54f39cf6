using System.Diagnostics.Metrics;

namespace PartnerIntake.Shared.Telemetry;

/// <summary>
/// The app's own metrics (meter "PartnerIntake"): e-mails sent and failed by kind, SLA escalations, and the queues'
/// depth as last sampled. Recording costs nothing when no exporter listens (locally, by default).
/// </summary>
public sealed class PartnerIntakeMetrics
{
    public const string MeterName = "PartnerIntake";

    private readonly Counter<long> mailsSent;
    private readonly Counter<long> mailsFailed;
    private readonly Counter<long> escalations;
    private volatile IReadOnlyList<Measurement<long>> queueDepths = [];

    public PartnerIntakeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        mailsSent = meter.CreateCounter<long>("partnerintake.mails.sent", "{mail}", "E-mails handed to the transport, by kind");
        mailsFailed = meter.CreateCounter<long>("partnerintake.mails.failed", "{mail}", "E-mails the transport refused or could not send, by kind");
        escalations = meter.CreateCounter<long>("partnerintake.assignments.escalated", "{assignment}", "Assignments handed on because their SLA passed");
        meter.CreateObservableGauge("partnerintake.queue.messages", () => queueDepths, "{message}", "Messages waiting per queue (poison queues included), as last sampled");
    }

    public void MailSent(string kind) => mailsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MailFailed(string kind) => mailsFailed.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Escalated() => escalations.Add(1);

    /// <summary>The latest sample of each queue's approximate message count.</summary>
    public void QueueDepths(IEnumerable<(string Queue, long Messages)> depths) =>
        queueDepths = depths.Select(d => new Measurement<long>(d.Messages, new KeyValuePair<string, object?>("queue", d.Queue))).ToList();
}
