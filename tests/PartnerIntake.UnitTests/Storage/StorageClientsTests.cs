using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.UnitTests.Storage;

/// <summary>The AzureWebJobsStorage settings read as the Functions host reads them; no request is sent.</summary>
public class StorageClientsTests
{
    [Fact]
    public void AddStorage_ConnectionString_ClientsOnItsEndpoints()
    {
        using var provider = CreateSut(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var storage = provider.GetRequiredService<StorageAccount>();

        storage.Table("Inquiries").Uri.ToString().ShouldStartWith("http://127.0.0.1:10002/devstoreaccount1");
        storage.Queue("inquiries").Uri.ToString().ShouldStartWith("http://127.0.0.1:10001/devstoreaccount1");
    }

    [Fact]
    public void AddStorage_ManagedIdentityWithServiceUris_ClientsOnThoseUris()
    {
        using var provider = CreateSut(new()
        {
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://partnerintake.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://partnerintake.queue.core.windows.net",
        });

        var storage = provider.GetRequiredService<StorageAccount>();

        storage.Tables.Uri.ShouldBe(new Uri("https://partnerintake.table.core.windows.net"));
        storage.Queue("inquiries").Uri.ShouldBe(new Uri("https://partnerintake.queue.core.windows.net/inquiries"));
        storage.Queue("inquiries").AccountName.ShouldBe("partnerintake");
    }

    [Fact]
    public void AddStorage_ManagedIdentityWithAccountName_ClientsOnTheAccountsDefaultUris()
    {
        using var provider = CreateSut(new()
        {
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:accountName"] = "partnerintake",
        });

        var storage = provider.GetRequiredService<StorageAccount>();

        storage.Tables.Uri.ShouldBe(new Uri("https://partnerintake.table.core.windows.net"));
        storage.Queue("inquiries").Uri.ShouldBe(new Uri("https://partnerintake.queue.core.windows.net/inquiries"));
    }

    [Fact]
    public void IsConfigured_NothingSet_False()
    {
        StorageClients.IsConfigured(new ConfigurationBuilder().Build()).ShouldBeFalse();
        StorageClients.IsConfigured(Configuration(new() { ["AzureWebJobsStorage:accountName"] = "partnerintake" })).ShouldBeTrue();
    }

    [Fact]
    public void Tables_IdentityWithoutUriOrAccount_NamesTheSettings()
    {
        var section = Configuration(new() { ["AzureWebJobsStorage:credential"] = "managedidentity" }).GetSection("AzureWebJobsStorage");

        var error = Should.Throw<InvalidOperationException>(() => StorageClients.Tables(section, new TableClientOptions(), () => null!));

        error.Message.ShouldContain("AzureWebJobsStorage__tableServiceUri");
    }

    [Fact]
    public void Kind_RequestLines_NamedByTableOrQueue()
    {
        StorageRequestCounter.Kind(Request(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/Inquiries(PartitionKey='a',RowKey='b')"), queue: false)
            .ShouldBe("GET Inquiries");
        StorageRequestCounter.Kind(Request(RequestMethod.Post, "https://x.table.core.windows.net/$batch"), queue: false).ShouldBe("POST $batch");
        StorageRequestCounter.Kind(Request(RequestMethod.Delete, "http://127.0.0.1:10001/devstoreaccount1/inquiries/messages/123?popreceipt=x"), queue: true)
            .ShouldBe("DELETE queue inquiries");
        StorageRequestCounter.Kind(Request(RequestMethod.Put, "https://x.queue.core.windows.net/inquiries-poison"), queue: true)
            .ShouldBe("PUT queue inquiries-poison");
    }

    private static Request Request(RequestMethod method, string uri)
    {
        var request = new Azure.Core.Pipeline.HttpClientTransport().CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddStorage(Configuration(settings));
        return services.BuildServiceProvider();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
