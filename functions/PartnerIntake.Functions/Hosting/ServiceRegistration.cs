using Microsoft.Extensions.Options;
using PartnerIntake.Functions.Health;
using PartnerIntake.Functions.Intake;
using PartnerIntake.Functions.Mail;
using PartnerIntake.Functions.Routing;
using PartnerIntake.Functions.Assignment;
using PartnerIntake.Functions.Recognition;
using PartnerIntake.Functions.Web;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddLocalSettings();
        var mode = DetectMode(builder);
        ConfigureUrls(builder, mode);

        var services = builder.Services;
        services.AddSingleton(mode);
        services.AddSingleton(mode.Queues);
        services.AddPartnerIntake(builder.Configuration, mode.Queues.Base64Messages);
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = Json.Options.DefaultIgnoreCondition);

        // Functions: queue-triggered adapters by name; function.json decides which exist.
        services.AddSingleton<IQueueFunction, RouteInquiryFunction>();
        services.AddSingleton<ITimerFunction, Assignment.EscalateAssignmentsFunction>();
        services.AddSingleton<ITimerFunction, Recognition.SendRecognitionsFunction>();
        services.AddSingleton<FunctionRegistry>();

        builder.AddWeb(mode);

        if (!mode.IsFunctionsHost)
        {
            foreach (var definition in mode.QueueFunctions)
            {
                services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp,
                    sp.GetRequiredService<FunctionRegistry>().Queue(definition.Name),
                    new QueueReceiver(sp.GetRequiredService<StorageAccount>(), definition.QueueName!)));
            }

            foreach (var definition in mode.Functions.Where(f => f.IsTimer))
            {
                services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerRunner>(sp,
                    sp.GetRequiredService<FunctionRegistry>().Timer(definition.Name), definition));
            }
        }

        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.Services.GetRequiredService<FunctionRegistry>().EnsureMatches(app.Services.GetRequiredService<HostingMode>());

        app.UseWeb();

        // The Functions host polls GET / until the custom handler answers: the partner form does.
        app.MapWeb();
        app.MapIntakeApi();
        app.MapHealthApi();
        app.MapRoutingApi();
        app.MapAssignmentPages();
        app.MapMailEventsApi();
        app.MapRecognitionApi();
        if (app.Services.GetRequiredService<TimeProvider>() is ShiftableTimeProvider)
        {
            app.MapClockControl();
        }
        app.MapAdminFunctionsApi();
        app.MapStorageRequestsApi();
        if (app.Services.GetRequiredService<HostingMode>().IsFunctionsHost)
        {
            app.MapCustomHandlerInvocations();
        }

        return app;
    }

    private static HostingMode DetectMode(WebApplicationBuilder builder)
    {
        var root = AppContext.BaseDirectory;
        var functions = FunctionCatalog.Load(root, key => builder.Configuration[key]);
        var queues = HostSettings.ReadQueueSettings(Path.Combine(root, "host.json"));
        return new HostingMode(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 }, functions, queues);
    }

    private static void ConfigureUrls(WebApplicationBuilder builder, HostingMode mode)
    {
        if (mode.IsFunctionsHost)
        {
            // Only the host talks to us, on loopback, at the port it chose.
            builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]}");
            return;
        }

        var explicitUrls = new[] { "urls", "http_ports", "https_ports" }.Any(k => !string.IsNullOrEmpty(builder.Configuration[k]));
        if (!explicitUrls)
        {
            builder.WebHost.UseUrls("http://localhost:7071"); // the Functions convention
        }
    }
}
