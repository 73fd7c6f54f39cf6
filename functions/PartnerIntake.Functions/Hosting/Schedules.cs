using PartnerIntake.Functions.Assignment;
using PartnerIntake.Functions.Privacy;
using PartnerIntake.Functions.Recognition;

namespace PartnerIntake.Functions.Hosting;

/// <summary>
/// The timers' schedules are settings (<c>%ESCALATE_ASSIGNMENTS_SCHEDULE%</c>, <c>%SEND_RECOGNITIONS_SCHEDULE%</c>, <c>%APPLY_RETENTION_SCHEDULE%</c>, NCRONTAB,
/// UTC). The deployment sets them; the local host falls back to these defaults when they are not set.
/// </summary>
public static class Schedules
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ESCALATE_ASSIGNMENTS_SCHEDULE"] = EscalateAssignmentsFunction.DefaultSchedule,
        ["SEND_RECOGNITIONS_SCHEDULE"] = SendRecognitionsFunction.DefaultSchedule,
        ["APPLY_RETENTION_SCHEDULE"] = ApplyRetentionFunction.DefaultSchedule,
    };
}
