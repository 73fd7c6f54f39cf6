using System.Text.Json;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.Hosting;

/// <summary>
/// Functions mode: the host invokes each non-HTTP function as POST /{FunctionName} with
/// {"Data","Metadata"}; we answer 200 application/json {"Outputs","Logs","ReturnValue"}, or a non-2xx
/// to fail the invocation (the host then retries and, at maxDequeueCount, poisons the message).
/// </summary>
public static partial class CustomHandlerApi
{
    public static IEndpointRouteBuilder MapCustomHandlerInvocations(this IEndpointRouteBuilder app)
    {
        var mode = app.ServiceProvider.GetRequiredService<HostingMode>();
        foreach (var definition in mode.Functions.Where(f => !f.IsHttp))
        {
            app.MapPost("/" + definition.Name, (HttpRequest request, FunctionRegistry registry, QueueSettings queues, ILoggerFactory loggers, CancellationToken ct) =>
                InvokeAsync(definition, request, registry, queues, loggers.CreateLogger(typeof(CustomHandlerApi).FullName!), ct));
        }

        return app;
    }

    public static async Task<IResult> InvokeAsync(
        FunctionDefinition definition, HttpRequest request, FunctionRegistry registry, QueueSettings queues, ILogger logger, CancellationToken cancellationToken)
    {
        CustomHandlerRequest invocation;
        string message;
        try
        {
            using var reader = new StreamReader(request.Body);
            invocation = CustomHandlerRequest.Parse(await reader.ReadToEndAsync(cancellationToken));
            message = invocation.MessageText(definition.TriggerBindingName);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            LogBadInvocation(logger, definition.Name);
            return Response(StatusCodes.Status400BadRequest, $"Invalid invocation body: {ex.Message}");
        }

        try
        {
            if (definition.IsTimer)
            {
                var timer = TimerPayload.Parse(invocation.Payload(definition.TriggerBindingName));
                await registry.Timer(definition.Name).InvokeAsync(
                    new TimerInput(timer.IsPastDue, timer.ScheduleStatus?.Last, timer.ScheduleStatus?.Next), cancellationToken);
            }
            else
            {
                await registry.Queue(definition.Name).InvokeAsync(
                    new QueueMessageInput(message, invocation.DequeueCount, queues.MaxDequeueCount), cancellationToken);
            }

            return Response(StatusCodes.Status200OK, $"{definition.Name} completed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, definition.Name, invocation.DequeueCount);
            return Response(StatusCodes.Status500InternalServerError, $"{definition.Name} failed: {ex.GetType().Name}");
        }
    }

    private static IResult Response(int status, string log) =>
        TypedResults.Json(new CustomHandlerResponse(new Dictionary<string, object?>(), [log], null), statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation of {Function} had an unreadable body")]
    private static partial void LogBadInvocation(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed (dequeue {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception ex, string function, int dequeueCount);
}
