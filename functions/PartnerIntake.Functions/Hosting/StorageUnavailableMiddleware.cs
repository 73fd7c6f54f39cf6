using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace PartnerIntake.Functions.Hosting;

/// <summary>Under the Functions host: an HTTP function that meets a storage outage answers 503, not 500.</summary>
public sealed class StorageUnavailableMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (StorageUnavailableProblem.Is(ex) && context.GetHttpContext() is { } http)
        {
            await StorageUnavailableProblem.WriteAsync(http);
        }
    }
}
