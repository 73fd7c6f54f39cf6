using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Web.Hosting;

public sealed record ClockAdvance(double Hours);

/// <summary>
/// Testing:ClockControl only: moves the app's clock forward, so that tests can reach SLA deadlines and link
/// expiry through HTTP. Guarded by the admin key; never mapped in Azure.
/// </summary>
public static class ClockControl
{
    /// <summary>Ten years either way: enough for any deadline, far from TimeSpan's and DateTimeOffset's limits.</summary>
    private const double MaxHours = 10 * 366 * 24;

    public static IEndpointRouteBuilder MapClockControl(this IEndpointRouteBuilder app)
    {
        app.MapPost("/testing/clock", IResult (ClockAdvance body, TimeProvider time) =>
        {
            if (!double.IsFinite(body.Hours) || Math.Abs(body.Hours) > MaxHours)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = [$"A number of hours between -{MaxHours} and {MaxHours}."] });
            }

            ((ShiftableTimeProvider)time).Advance(TimeSpan.FromHours(body.Hours));
            return TypedResults.Ok(new { now = time.GetUtcNow() });
        }).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }
}
