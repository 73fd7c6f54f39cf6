namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>One Azurite and one standalone app for the whole collection: they start once (about 3 s).</summary>
public class AppFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public AppProcess App { get; private set; } = null!;

    public StorageProbe Storage { get; private set; } = null!;

    /// <summary>Extra app settings (environment variables) for a collection's app.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = new StorageProbe(Azurite.ConnectionString);
        App = await AppProcess.StartAsync(Azurite.ConnectionString, settings: Settings);
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

/// <summary>
/// The web pages' tests: their own app with a short minimum fill time, so it can be tested; each test uses its own
/// client address (X-Forwarded-For from loopback). The per-client limit is tested with its defaults in IntakeLimitsTests.
/// </summary>
public sealed class WebAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Web__MinFillSeconds"] = "1",
    };
}

/// <summary>The abuse limits with their defaults (10 inquiries per client per 10 minutes, 3 acknowledgements per address per day).</summary>
public sealed class LimitsAppFixture : AppFixture
{
    public const int PermitLimit = 10;
    public const int MailsPerAddressPerDay = 3;

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Web__MinFillSeconds"] = "1",
        ["Intake__PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Intake__WindowMinutes"] = "10",
        ["Intake__MailsPerAddressPerDay"] = MailsPerAddressPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class LimitsCollection : ICollectionFixture<LimitsAppFixture>
{
    public const string Name = "intake limits on their own Azurite";
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web pages on their own Azurite";
}

/// <summary>
/// The request budget's own Azurite and app, so no other test's traffic is counted; the routing tables' version pointer
/// is re-read hourly instead of every 30 s, so that read never falls inside the measured inquiry.
/// </summary>
public sealed class BudgetAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Routing__RefreshSeconds"] = "3600",
    };
}

[CollectionDefinition(Name)]
public sealed class BudgetCollection : ICollectionFixture<BudgetAppFixture>
{
    public const string Name = "request budget on its own Azurite";
}
