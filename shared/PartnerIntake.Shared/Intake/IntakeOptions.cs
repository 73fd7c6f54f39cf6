using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Shared.Intake;

/// <summary>The abuse limits of intake (section Intake), the same for the API and the form: README "Abuse model".</summary>
public sealed class IntakeOptions
{
    /// <summary>Inquiries one client (address) may submit per window, API and form together.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 10;

    /// <summary>The fixed window of <see cref="PermitLimit"/>, aligned to UTC (10 → 09:00, 09:10, …).</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 10;

    /// <summary>Acknowledgements sent to one e-mail address per UTC day, whoever submits; beyond it they are withheld.</summary>
    [Range(1, 1_000_000)]
    public int MailsPerAddressPerDay { get; set; } = 3;
}
