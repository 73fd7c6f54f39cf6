using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

/// <summary>
/// Its own Azurite with the app's tables and queues, no app process: the console's storage reads and operations run
/// in the test. Tests share it, so each works on its own references, ids and counts (never on table totals).
/// </summary>
public sealed class ConsoleStorageFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public StorageProbe Storage { get; private set; } = null!;

    public StorageAccount Account => Storage.Account;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = new StorageProbe(Azurite.ConnectionString);
        await Storage.Account.EnsureCreatedAsync(QueueNames.All.Concat(QueueNames.All.Select(QueueNames.Poison)), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleStorageCollection : ICollectionFixture<ConsoleStorageFixture>
{
    public const string Name = "console storage on its own Azurite";
}
