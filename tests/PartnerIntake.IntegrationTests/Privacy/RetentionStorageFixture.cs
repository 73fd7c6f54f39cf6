using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// Its own Azurite with the app's tables, no app process: the retention run reads every due entry and purges
/// housekeeping rows of the whole account, so it must not share storage with tests that keep such rows.
/// </summary>
public sealed class RetentionStorageFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public StorageProbe Storage { get; private set; } = null!;

    public StorageAccount Account => Storage.Account;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = new StorageProbe(Azurite.ConnectionString);
        await Storage.Account.EnsureCreatedAsync([], CancellationToken.None);
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
public sealed class RetentionStorageCollection : ICollectionFixture<RetentionStorageFixture>
{
    public const string Name = "retention storage on its own Azurite";
}
