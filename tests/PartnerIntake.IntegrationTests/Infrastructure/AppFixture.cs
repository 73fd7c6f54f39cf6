namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>One Azurite and one standalone app for the whole collection: they start once (about 3 s).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public AppProcess App { get; private set; } = null!;

    public StorageProbe Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = new StorageProbe(Azurite.ConnectionString);
        App = await AppProcess.StartAsync(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app on Azurite";
}

/// <summary>
/// Its own Azurite and app, because its tests move the app's clock forward by days: that would make
/// other tests' assignments due for reminders.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "assignment lifecycle on its own Azurite";
}

/// <summary>Recognition tests move the clock by months: their own Azurite and app.</summary>
[CollectionDefinition(Name)]
public sealed class RecognitionCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "recognition on its own Azurite";
}
