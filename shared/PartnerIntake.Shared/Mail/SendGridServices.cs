using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerIntake.Shared.Mail;

public static class SendGridServices
{
    public const string HttpClientName = "SendGrid";

    /// <summary>
    /// <see cref="SendGridTransport"/> and its named HttpClient with the resilience handler (<see cref="SendGridResilience"/>)
    /// on the registered <see cref="TimeProvider"/> and <see cref="SendGridOptions"/>.
    /// </summary>
    public static IServiceCollection AddSendGridTransport(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName)
            // The handler's timeouts govern, on the app's clock; HttpClient's own 100 s would cut a rate-limit wait short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("mail-send", (builder, context) => SendGridResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILogger<SendGridTransport>>()));
        services.AddSingleton<SendGridTransport>();
        return services;
    }
}
