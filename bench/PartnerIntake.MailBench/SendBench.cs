using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.MailBench;

public sealed record SendResult(string Path, IReadOnlyList<Sample> Runs, long Requests);

/// <summary>
/// Per message, sequential: (1) a bare POST of the same JSON body through an HttpClient from the same factory (the
/// floor: HTTP on loopback and the listener), (2) the app's SendGrid transport as the app registers it
/// (<see cref="PartnerIntakeServices.AddPartnerIntake"/>), (3) the app's local .eml transport into a temporary folder.
/// </summary>
public static class SendBench
{
    private const string ApiKey = "SG.bench-key-not-a-secret";

    public static async Task<IReadOnlyList<SendResult>> RunAsync(MailTemplates templates, int sends, int runs)
    {
        await using var listener = await FakeSendGridListener.StartAsync();
        var outbox = Directory.CreateTempSubdirectory("partnerintake-mailbench-");
        try
        {
            await using var withSendGrid = Services(listener.BaseAddress, outbox.FullName, ApiKey);
            await using var local = Services(listener.BaseAddress, outbox.FullName, apiKey: null);
            var sendGrid = withSendGrid.GetRequiredService<IMailTransport>();
            var eml = local.GetRequiredService<IMailTransport>();
            if (sendGrid.GetType().Name != "SendGridTransport" || eml.GetType().Name != "LocalOutboxTransport")
            {
                throw new InvalidOperationException($"Unexpected transports: {sendGrid.GetType().Name}, {eml.GetType().Name}.");
            }

            var messages = Enumerable.Range(0, sends).Select(i => Samples.Message(templates, i)).ToArray();
            if (await sendGrid.SendAsync(messages[0], default) is not { Length: > 0 })
            {
                throw new InvalidOperationException("The SendGrid transport returned no X-Message-Id.");
            }

            var body = listener.LastBody;
            var http = withSendGrid.GetRequiredService<IHttpClientFactory>().CreateClient("baseline");
            var endpoint = new Uri(listener.BaseAddress, "/v3/mail/send");
            async Task Baseline(int _)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }

            var paths = new (string Path, Func<int, Task> Call, List<Sample> Runs)[]
            {
                ("bare HttpClient POST of the same body", Baseline, []),
                ("SendGridTransport.SendAsync", i => sendGrid.SendAsync(messages[i], default), []),
                ("LocalOutboxTransport.SendAsync (.eml)", i => eml.SendAsync(messages[i], default), []),
            };

            foreach (var p in paths)
            {
                await Measure.Async(p.Call, Math.Min(sends, 300));
            }

            for (var run = 0; run < runs; run++)
            {
                foreach (var p in paths)
                {
                    p.Runs.Add(await Measure.Async(p.Call, sends));
                }
            }

            if (outbox.GetFiles("*.eml").Length != sends)
            {
                throw new InvalidOperationException($"Expected {sends} .eml files, found {outbox.GetFiles("*.eml").Length}.");
            }

            return paths.Select(p => new SendResult(p.Path, p.Runs, listener.Requests)).ToList();
        }
        finally
        {
            outbox.Delete(recursive: true);
        }
    }

    private static ServiceProvider Services(Uri sendGrid, string outbox, string? apiKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", // never contacted: only the transports are resolved
            ["Links:SigningKey"] = "bench-signing-key-0123456789abcdef0123456789abcdef",
            ["Mail:OutboxPath"] = outbox,
            ["SendGrid:BaseUrl"] = sendGrid.ToString().TrimEnd('/'),
            ["SendGrid:ApiKey"] = apiKey,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPartnerIntake(configuration);
        services.AddHttpClient("baseline");
        return services.BuildServiceProvider();
    }
}
