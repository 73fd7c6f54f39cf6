using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Shared.Storage;

public sealed class StorageOptions
{
    /// <summary>The Functions convention: the storage account the host and the app share.</summary>
    [Required(ErrorMessage = "Set AzureWebJobsStorage (UseDevelopmentStorage=true for Azurite).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>host.json extensions.queues.messageEncoding: the host decodes base64 unless told "none".</summary>
    public bool Base64Messages { get; set; } = true;
}

public static class TableNames
{
    public const string Inquiries = "Inquiries";
    public const string Assignments = "Assignments";
    public const string MailOutbox = "MailOutbox";
    public const string MailEvents = "MailEvents";
    public const string RoutingVersions = "RoutingVersions";
    public const string RoutingEntities = "RoutingEntities";
    public const string RoutingRegions = "RoutingRegions";
    public const string RoutingTopics = "RoutingTopics";
    public const string AuditTrail = "AuditTrail";
    public const string DueActions = "DueActions";
    public const string InquiryIndex = "InquiryIndex";
    public const string IdempotencyKeys = "IdempotencyKeys";
    public const string TimerStatus = "TimerStatus";
    public const string Donations = "Donations";
    public const string Notices = "Notices";
    public const string ImpactMetrics = "ImpactMetrics";
    public const string DataProtectionKeys = "DataProtectionKeys";

    /// <summary>What operators did from the console (poison message replays and discards): scope / inverted time.</summary>
    public const string OperatorActions = "OperatorActions";

    public static readonly IReadOnlyList<string> All =
    [
        Inquiries, Assignments, MailOutbox, RoutingVersions, RoutingEntities, RoutingRegions, RoutingTopics,
        AuditTrail, DueActions, InquiryIndex, IdempotencyKeys, TimerStatus, Donations, Notices, ImpactMetrics, MailEvents,
        DataProtectionKeys, OperatorActions,
    ];
}

public static class QueueNames
{
    /// <summary>Must equal RouteInquiry's queueName in its function.json (a unit test checks).</summary>
    public const string Inquiries = "inquiries";

    /// <summary>Every queue a function is triggered by (each has a {queue}-poison twin): what the operators' console watches.</summary>
    public static readonly IReadOnlyList<string> All = [Inquiries];

    public static string Poison(string queue) => queue + "-poison";
}
