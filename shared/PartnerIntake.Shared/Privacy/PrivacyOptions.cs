using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Shared.Privacy;

/// <summary>Settings <c>Privacy__*</c>: how long partners' personal data is kept, and who answers for it (shown on /privacy).</summary>
public sealed class PrivacyOptions
{
    /// <summary>Months after which personal data no longer needed is erased (see <see cref="RetentionSchedule"/>).</summary>
    [Range(1, 120)]
    public int RetentionMonths { get; set; } = 24;

    /// <summary>The data controller named on the privacy notice.</summary>
    [Required]
    [MaxLength(200)]
    public string ControllerName { get; set; } = "Wikimedia Foundation";

    [Required]
    [EmailAddress]
    public string ControllerEmail { get; set; } = "privacy@wikimedia.org";

    /// <summary>
    /// The version of the consent text partners agree to, stored with each inquiry: change it whenever the consent
    /// sentence or the privacy notice changes in substance.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,40}$")]
    public string ConsentVersion { get; set; } = "2026-12";

    /// <summary>Days intake's refusal counts are kept for the console's chart before the retention run deletes them.</summary>
    [Range(1, 3650)]
    public int HousekeepingDays { get; set; } = 90;
}
