using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Functions.LocalHost;
using PartnerIntake.Shared.Telemetry;

// Under the Functions host (it passes --functions-uri): the isolated worker. Without it: the local host, which runs
// the very same [Function] methods for development and tests (the host cannot run on our machines).
if (LocalFunctionsHost.IsUnderFunctionsHost(args))
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.UseMiddleware<StorageUnavailableMiddleware>();
    builder.Services.AddFunctionsApp(builder.Configuration);
    if (TelemetryServices.IsExported(builder.Configuration))
    {
        // The host's invocation spans join the app's traces (host.json: telemetryMode OpenTelemetry).
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
    }

    builder.Build().Run();
}
else
{
    LocalFunctionsHost.Run(args);
}
