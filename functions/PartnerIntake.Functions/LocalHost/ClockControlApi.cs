using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.LocalHost;

public sealed record ClockAdvance(double Hours);

public static class ClockControlApi
{
    public static IEndpointRouteBuilder MapClockControl(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/clock", (ClockAdvance body, TimeProvider time) =>
        {
            ((ShiftableTimeProvider)time).Advance(TimeSpan.FromHours(body.Hours));
            return TypedResults.Ok(new { now = time.GetUtcNow() });
        }).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }
}
