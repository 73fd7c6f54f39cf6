using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Creates the table and queue clients from the <c>AzureWebJobsStorage</c> settings exactly as the Functions host
/// reads them: a connection string (<c>UseDevelopmentStorage=true</c>, Azurite's ports), or identity-based
/// (<c>__credential=managedidentity</c>, <c>__clientId</c>, <c>__tableServiceUri</c>/<c>__queueServiceUri</c> or
/// <c>__accountName</c>). The one place that knows how; every storage request passes the <see cref="StorageRequestCounter"/>.
/// </summary>
public static class StorageClients
{
    public const string Section = "AzureWebJobsStorage";

    /// <summary>Registers <see cref="StorageAccount"/>, its two service clients and the request counter.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, bool base64Messages = true)
    {
        var section = configuration.GetSection(Section);
        services.AddSingleton<StorageRequestCounter>();
        services.AddAzureClients(b =>
        {
            b.AddClient<TableServiceClient, TableClientOptions>((o, _, sp) =>
                Tables(section, Configure(o, sp.GetRequiredService<StorageRequestCounter>()), () => Credential(sp, section)));
            b.AddClient<QueueServiceClient, QueueClientOptions>((o, _, sp) =>
                Queues(section, Configure(o, sp.GetRequiredService<StorageRequestCounter>(), base64Messages), () => Credential(sp, section)));
        });
        services.AddSingleton<StorageAccount>();
        return services;
    }

    /// <summary>
    /// For tests and benchmarks: both clients over a connection string, with the app's options; <paramref name="tablePolicy"/>
    /// joins the tables' pipeline per retry (fault injection).
    /// </summary>
    public static StorageAccount Connect(
        string connectionString, StorageRequestCounter? counter = null, bool base64Messages = true, HttpPipelinePolicy? tablePolicy = null)
    {
        counter ??= new StorageRequestCounter();
        var tableOptions = Configure(new TableClientOptions(), counter);
        if (tablePolicy is not null)
        {
            tableOptions.AddPolicy(tablePolicy, HttpPipelinePosition.PerRetry);
        }

        return new StorageAccount(
            new TableServiceClient(connectionString, tableOptions),
            new QueueServiceClient(connectionString, Configure(new QueueClientOptions(), counter, base64Messages)));
    }

    /// <summary>Whether the settings name a storage account at all (a connection string or identity-based URIs).</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        return !string.IsNullOrWhiteSpace(s.Value) || s["tableServiceUri"] is { Length: > 0 } || s["accountName"] is { Length: > 0 };
    }

    public static TableServiceClient Tables(IConfigurationSection section, TableClientOptions options, Func<TokenCredential> credential) =>
        section.Value is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(ServiceUri(section, "table"), credential(), options);

    public static QueueServiceClient Queues(IConfigurationSection section, QueueClientOptions options, Func<TokenCredential> credential) =>
        section.Value is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri(section, "queue"), credential(), options);

    private static Uri ServiceUri(IConfigurationSection section, string service) =>
        section[$"{service}ServiceUri"] is { Length: > 0 } uri
            ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account
                ? new Uri($"https://{account}.{service}.core.windows.net")
                : throw new InvalidOperationException(
                    $"Set {Section} (a connection string, UseDevelopmentStorage=true for Azurite) or {Section}__{service}ServiceUri / {Section}__accountName.");

    // Resolved inside AddClient: UseCredential(...) recurses forever when the section holds a connection string.
    private static TokenCredential Credential(IServiceProvider sp, IConfigurationSection section) =>
        sp.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(section);

    private static TableClientOptions Configure(TableClientOptions o, StorageRequestCounter counter)
    {
        ShortRetries(o);
        o.AddPolicy(counter.TablePolicy, HttpPipelinePosition.PerRetry);
        return o;
    }

    private static QueueClientOptions Configure(QueueClientOptions o, StorageRequestCounter counter, bool base64Messages)
    {
        ShortRetries(o);
        o.MessageEncoding = base64Messages ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None;
        o.MessageDecodingFailed += MoveUndecodableToPoisonAsync;
        o.AddPolicy(counter.QueuePolicy, HttpPipelinePosition.PerRetry);
        return o;
    }

    /// <summary>
    /// As the host does: a message that is not Base64 goes to {queue}-poison (as it came) instead of failing every
    /// receive of the queue. On a poison queue it is left where it is, for an operator to see.
    /// </summary>
    private static async Task MoveUndecodableToPoisonAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message || args.Queue.Name.EndsWith("-poison", StringComparison.Ordinal))
        {
            return;
        }

        var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(QueueNames.Poison(args.Queue.Name));
        if (args.IsRunningSynchronously)
        {
            poison.SendMessage(message.Body.ToString());
            args.Queue.DeleteMessage(message.MessageId, message.PopReceipt);
            return;
        }

        await poison.SendMessageAsync(message.Body.ToString(), args.CancellationToken);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
    }

    // Short and few retries: a request thread must not hang on a storage outage (the API answers 503 instead).
    private static void ShortRetries(ClientOptions o)
    {
        o.Retry.MaxRetries = 2;
        o.Retry.Mode = RetryMode.Exponential;
        o.Retry.Delay = TimeSpan.FromMilliseconds(100);
        o.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        o.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }
}
