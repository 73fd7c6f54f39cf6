using Microsoft.Azure.Functions.Worker.Builder;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Functions.LocalHost;

// Under the Functions host (it passes --functions-uri): the isolated worker. Without it: the local host, which runs
// the very same [Function] methods for development and tests (the host cannot run on our machines).
if (LocalFunctionsHost.IsUnderFunctionsHost(args))
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.UseMiddleware<StorageUnavailableMiddleware>();
    builder.Services.AddFunctionsApp(builder.Configuration);
    builder.Build().Run();
}
else
{
    LocalFunctionsHost.Run(args);
}
