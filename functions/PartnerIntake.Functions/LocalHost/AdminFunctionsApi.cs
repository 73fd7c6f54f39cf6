using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.LocalHost;

public sealed record AdminInvokeRequest(JsonElement? Input);

/// <summary>
/// POST /admin/functions/{name} with {"input": "..."}: runs a non-HTTP function on demand, as the Functions host's admin
/// API does (there with the master key, here with the admin key). Runs to completion before answering 202; a function
/// that fails answers 422 with the exception's type.
/// </summary>
public static partial class AdminFunctionsApi
{
    public static IEndpointRouteBuilder MapAdminFunctionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/functions/{name}", InvokeAsync).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    public static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> InvokeAsync(
        string name, HttpRequest request, IReadOnlyList<LocalFunction> functions, FunctionInvoker invoker, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var function = functions.FirstOrDefault(f => !f.IsHttp && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such non-HTTP function");
        }

        string? input = null;
        if (function.IsQueue)
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<AdminInvokeRequest>(request.Body, Shared.Common.Json.Options, cancellationToken);
                input = body?.Input is { ValueKind: JsonValueKind.String } text ? text.GetString() : body?.Input?.GetRawText();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not JSON, or not UTF-8 (the reader throws InvalidOperationException on a string it cannot transcode).
            }

            if (string.IsNullOrEmpty(input))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["input"] = ["Is required: the queue message text."] });
            }
        }

        try
        {
            if (function.IsQueue)
            {
                await invoker.InvokeQueueAsync(function, QueuesModelFactory.QueueMessage("admin", "", BinaryData.FromString(input!), 1), cancellationToken);
            }
            else
            {
                await invoker.InvokeTimerAsync(function, new TimerInfo { ScheduleStatus = new ScheduleStatus() }, cancellationToken);
            }

            return TypedResults.Accepted((string?)null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(loggers.CreateLogger(typeof(AdminFunctionsApi).FullName!), ex, name);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The function failed", detail: ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin invocation of {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string function);
}
