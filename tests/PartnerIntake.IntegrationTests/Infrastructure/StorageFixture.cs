using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// An Azurite of its own with the app's tables and queues, no app process: storage reads and operations run in the
/// test. Each collection that derives from it gets its own account.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
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
