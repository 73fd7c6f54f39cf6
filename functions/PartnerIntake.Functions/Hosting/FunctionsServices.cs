using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.Hosting;

/// <summary>What the Functions app registers, under the host and in the local host alike.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        // host.json sits beside the executable in both cases; the queue settings there are the trigger's.
        var queues = HostSettings.ReadQueueSettings(Path.Combine(AppContext.BaseDirectory, "host.json"));
        services.AddSingleton(queues);
        services.AddPartnerIntake(configuration, queues.Base64Messages);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = Json.Options.DefaultIgnoreCondition);
        return services;
    }
}
