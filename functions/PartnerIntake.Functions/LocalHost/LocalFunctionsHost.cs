using Microsoft.AspNetCore.Hosting;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>
/// The local host: what `func start` would do, for development and tests (the Functions host cannot run here). It
/// reads the build's functions.metadata and host.json beside the executable and local.settings.json, serves every
/// HTTP trigger on http://localhost:7071/{routePrefix}/{route}, runs the queue trigger and the timers with the host's
/// semantics, and offers POST /admin/functions/{name}. It invokes the very [Function] methods the worker runs in Azure.
/// </summary>
public static class LocalFunctionsHost
{
    /// <summary>The host starts its workers with --functions-uri (the gRPC endpoint); nothing else does.</summary>
    public static bool IsUnderFunctionsHost(string[] args) =>
        args.Any(a => a.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase));

    public static void Run(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddLocalSettings();
        if (!new[] { "urls", "http_ports", "https_ports" }.Any(k => !string.IsNullOrEmpty(builder.Configuration[k])))
        {
            builder.WebHost.UseUrls("http://localhost:7071"); // the Functions convention
        }

        var root = AppContext.BaseDirectory;
        // A function is switched off as the host does it: the setting AzureWebJobs.<name>.Disabled (AzureWebJobs__<name>__Disabled).
        var functions = LocalFunction.Load(Path.Combine(root, "functions.metadata"), typeof(LocalFunctionsHost).Assembly, builder.Configuration)
            .Where(f => !builder.Configuration.GetValue<bool>($"AzureWebJobs:{f.Name}:Disabled") && !builder.Configuration.GetValue<bool>($"AzureWebJobs.{f.Name}.Disabled"))
            .ToList();
        foreach (var function in functions)
        {
            if (FunctionInvoker.CanBind(function.Method) is { } why)
            {
                throw new InvalidOperationException($"{function.Name}: {why}.");
            }
        }

        var services = builder.Services;
        services.AddFunctionsApp(builder.Configuration);
        services.AddSingleton<IReadOnlyList<LocalFunction>>(functions);
        services.AddSingleton<FunctionInvoker>();
        foreach (var function in functions.Where(f => f.IsQueue))
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp,
                function, new QueueReceiver(sp.GetRequiredService<StorageAccount>(), function.QueueName!)));
        }

        foreach (var function in functions.Where(f => f.IsTimer))
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerRunner>(sp, function));
        }

        var app = builder.Build();
        var prefix = HostSettings.ReadRoutePrefix(Path.Combine(root, "host.json"));
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();
        foreach (var function in functions.Where(f => f.IsHttp))
        {
            var route = "/" + string.Join('/', new[] { prefix, function.Route ?? function.Name }.Where(s => s.Length > 0));
            app.MapMethods(route, function.Methods, context => invoker.InvokeHttpAsync(function, context)).WithName(function.Name);
        }

        app.MapAdminFunctionsApi();
        app.MapStorageRequestsApi();
        if (app.Services.GetRequiredService<TimeProvider>() is ShiftableTimeProvider)
        {
            app.MapClockControl();
        }

        return app;
    }
}
