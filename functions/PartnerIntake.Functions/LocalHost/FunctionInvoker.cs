using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>
/// Invokes a [Function] method as the worker does: a new instance of its class per invocation (constructor injection,
/// disposed after), its parameters bound from the trigger, its result executed. It binds exactly what the app uses —
/// <see cref="CanBind"/> says what that is, and a unit test fails on any [Function] outside it.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services, IOptions<AdminOptions> admin, AdminKeyThrottle throttle)
{
    public const string KeyHeader = "x-functions-key";

    public async Task InvokeHttpAsync(LocalFunction function, HttpContext context)
    {
        if (function.NeedsKey && throttle.RetryAfter(AdminKeyThrottle.Client(context)) is { } wait)
        {
            await AdminKeyThrottle.TooManyAttempts(context, wait).ExecuteAsync(context);
            return;
        }

        if (function.NeedsKey && !KeyMatches(context))
        {
            if (GivenKey(context).Length > 0)
            {
                throttle.Failed(AdminKeyThrottle.Client(context), context.Request.Path); // no key at all guesses nothing
            }

            await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Function key required",
                detail: $"Send the key in the {KeyHeader} header.").ExecuteAsync(context);
            return;
        }

        object? result;
        try
        {
            result = await InvokeAsync(function, context.RequestServices, p => BindHttp(p, context), context.RequestAborted);
        }
        catch (Exception ex) when (StorageUnavailableProblem.Is(ex))
        {
            await StorageUnavailableProblem.WriteAsync(context);
            return;
        }

        if (result is IResult executable)
        {
            await executable.ExecuteAsync(context);
        }
    }

    public Task InvokeQueueAsync(LocalFunction function, QueueMessage message, CancellationToken cancellationToken) =>
        InvokeAsync(function, services, p => p.ParameterType == typeof(QueueMessage) ? message : message.Body.ToString(), cancellationToken);

    public Task InvokeTimerAsync(LocalFunction function, TimerInfo timer, CancellationToken cancellationToken) =>
        InvokeAsync(function, services, _ => timer, cancellationToken);

    /// <summary>Whether every parameter and the return type of <paramref name="method"/> can be bound here; else why not.</summary>
    public static string? CanBind(MethodInfo method)
    {
        var returns = method.ReturnType;
        var result = returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? returns.GetGenericArguments()[0] : returns;
        if (result != typeof(Task) && result != typeof(void) && !typeof(IResult).IsAssignableFrom(result))
        {
            return $"returns {returns.Name}: return Task, IResult or Task<IResult> (typed results included)";
        }

        foreach (var p in method.GetParameters())
        {
            var bound = p.ParameterType == typeof(CancellationToken)
                || p.ParameterType == typeof(HttpRequest)
                || (p.ParameterType == typeof(string) && p.GetCustomAttribute<HttpTriggerAttribute>() is null && p.GetCustomAttribute<QueueTriggerAttribute>() is null)
                || (p.GetCustomAttribute<QueueTriggerAttribute>() is not null && (p.ParameterType == typeof(QueueMessage) || p.ParameterType == typeof(string)))
                || (p.GetCustomAttribute<TimerTriggerAttribute>() is not null && p.ParameterType == typeof(TimerInfo));
            if (!bound)
            {
                return $"parameter {p.Name} ({p.ParameterType.Name}) cannot be bound by the local host";
            }
        }

        return null;
    }

    private static async Task<object?> InvokeAsync(
        LocalFunction function, IServiceProvider scope, Func<ParameterInfo, object?> bind, CancellationToken cancellationToken)
    {
        var instance = ActivatorUtilities.CreateInstance(scope, function.Method.DeclaringType!);
        try
        {
            var arguments = function.Method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? cancellationToken : bind(p)).ToArray();
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
            if (returned is not Task task)
            {
                return returned;
            }

            await task;
            var type = function.Method.ReturnType;
            return type.IsGenericType ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static object? BindHttp(ParameterInfo parameter, HttpContext context) =>
        parameter.ParameterType == typeof(HttpRequest)
            ? context.Request
            : context.Request.RouteValues.TryGetValue(parameter.Name!, out var value) ? value?.ToString() : null;

    private static string GivenKey(HttpContext context) =>
        context.Request.Headers[KeyHeader].ToString() is { Length: > 0 } header ? header : context.Request.Query["code"].ToString();

    private bool KeyMatches(HttpContext context)
    {
        var expected = admin.Value.Key;
        var given = GivenKey(context);
        return !string.IsNullOrEmpty(expected)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
