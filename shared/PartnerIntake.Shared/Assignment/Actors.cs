namespace PartnerIntake.Shared.Assignment;

/// <summary>Who acted on an assignment, as the audit trail records it.</summary>
public static class Actors
{
    /// <summary>A console operator ("operator:ops@wikimedia.example"): a reassignment, not the assignee's own redirect.</summary>
    public const string OperatorPrefix = "operator:";

    public static string Operator(string name) => OperatorPrefix + name;

    public static bool IsOperator(string? actor) => actor?.StartsWith(OperatorPrefix, StringComparison.Ordinal) == true;
}
