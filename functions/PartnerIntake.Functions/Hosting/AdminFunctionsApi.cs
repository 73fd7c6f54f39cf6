using PartnerIntake.Shared.Hosting;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerIntake.Functions.Hosting;

public sealed record AdminInvokeRequest(JsonElement? Input);

/// <summary>
/// POST /admin/functions/{name} with {"input": "..."}: runs a non-HTTP function on demand, as the
/// Functions host's admin API does. Requires the admin key. Runs to completion before answering 202.
/// </summary>
public static partial class AdminFunctionsApi
{
    public static IEndpointRouteBuilder MapAdminFunctionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/functions/{name}", InvokeAsync).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    public static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> InvokeAsync(
        string name, HttpRequest request, FunctionRegistry registry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var function = registry.FindQueue(name);
        var timer = registry.FindTimer(name);
        if (function is null && timer is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such non-HTTP function");
        }

        if (timer is not null)
        {
            try
            {
                await timer.InvokeAsync(new TimerInput(false, null, null), cancellationToken);
                return TypedResults.Accepted((string?)null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(loggers.CreateLogger(typeof(AdminFunctionsApi).FullName!), ex, name);
                return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The function failed", detail: ex.GetType().Name);
            }
        }

        string? input = null;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<AdminInvokeRequest>(request.Body, Shared.Common.Json.Options, cancellationToken);
            if (body?.Input is { } value)
            {
                input = Shared.Hosting.CustomHandlerRequest.Unwrap(value);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or not UTF-8 (the reader throws InvalidOperationException on a string it cannot transcode).
        }

        if (string.IsNullOrEmpty(input))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["input"] = ["Is required: the queue message text."] });
        }

        try
        {
            await function!.InvokeAsync(new QueueMessageInput(input, 1, int.MaxValue), cancellationToken);
            return TypedResults.Accepted((string?)null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(loggers.CreateLogger(typeof(AdminFunctionsApi).FullName!), ex, name);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError,
                title: "The function failed", detail: ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin invocation of {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string function);
}
