namespace PartnerIntake.Shared.Storage;

public static class TableNames
{
    /// <summary>
    /// One partition per inquiry (PartitionKey = reference): the inquiry row, its assignments, audit entries and
    /// outbox records, so that routing commits them in one entity-group transaction. docs/storage.md has the row kinds.
    /// </summary>
    public const string Inquiries = "Inquiries";
    public const string MailOutbox = "MailOutbox";
    public const string MailEvents = "MailEvents";
    public const string RoutingVersions = "RoutingVersions";
    public const string RoutingEntities = "RoutingEntities";
    public const string RoutingRegions = "RoutingRegions";
    public const string RoutingTopics = "RoutingTopics";
    public const string DueActions = "DueActions";
    public const string InquiryIndex = "InquiryIndex";
    public const string IdempotencyKeys = "IdempotencyKeys";

    /// <summary>Intake's per-client counts per fixed window and acknowledgements per address per day (keyed hashes).</summary>
    public const string SubmissionWindows = "SubmissionWindows";
    public const string AcknowledgementCounts = "AcknowledgementCounts";
    public const string TimerStatus = "TimerStatus";
    public const string Donations = "Donations";
    public const string Notices = "Notices";
    public const string ImpactMetrics = "ImpactMetrics";
    public const string DataProtectionKeys = "DataProtectionKeys";

    /// <summary>What operators did from the console (poison message replays and discards): scope / inverted time.</summary>
    public const string OperatorActions = "OperatorActions";

    /// <summary>Open console sessions (PartitionKey = session id): a row exists while its session may be used.</summary>
    public const string ConsoleSessions = "ConsoleSessions";

    /// <summary>Form posts refused as automated, counted per UTC day (PartitionKey yyyyMMdd) and kind (RowKey): no personal data.</summary>
    public const string IntakeRefusals = "IntakeRefusals";

    /// <summary>Where a person's inquiries and donations are: keyed hash of the address / <c>inquiry|{ref}</c>, <c>donation|{id}</c>.</summary>
    public const string PersonalDataIndex = "PersonalDataIndex";
    /// <summary>When partners' personal data falls due for erasure, by due day (see TableRetentionDue).</summary>
    public const string RetentionDue = "RetentionDue";

    public static readonly IReadOnlyList<string> All =
    [
        Inquiries, MailOutbox, RoutingVersions, RoutingEntities, RoutingRegions, RoutingTopics,
        DueActions, InquiryIndex, IdempotencyKeys, TimerStatus, Donations, Notices, ImpactMetrics, MailEvents,
        DataProtectionKeys, OperatorActions, ConsoleSessions, SubmissionWindows, AcknowledgementCounts, IntakeRefusals, PersonalDataIndex, RetentionDue,
    ];
}

public static class QueueNames
{
    /// <summary>RouteInquiry's queue.</summary>
    public const string Inquiries = "inquiries";

    /// <summary>Every queue a function is triggered by (each has a {queue}-poison twin): what the operators' console watches.</summary>
    /// <summary>When partners' personal data falls due for erasure, by due day (see TableRetentionDue).</summary>
    public const string RetentionDue = "RetentionDue";

    public static readonly IReadOnlyList<string> All = [Inquiries];

    public static string Poison(string queue) => queue + "-poison";
}
