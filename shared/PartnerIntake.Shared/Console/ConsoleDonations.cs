using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Console;

/// <summary>
/// Recording a donation from the console: the API's validator (through <see cref="DonationFormFields"/>) and the API's
/// <see cref="Recognition.Recognition.RecordAsync"/>, so both store the same donation with the same notice schedule; each
/// recording is kept in OperatorActions (scope <see cref="Scope"/>, subject = donation id, detail = inquiry reference).
/// </summary>
public sealed class ConsoleDonations(Recognition.Recognition recognition, IOperatorAudit audit, TimeProvider time)
{
    public const string Scope = "recognition:donations";
    public const string Recorded = "recorded donation";

    public async Task<Validated<Donation>> RecordAsync(IReadOnlyDictionary<string, string?> fields, string actor, CancellationToken cancellationToken)
    {
        var validated = DonationFormFields.Validate(fields, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!validated.IsValid)
        {
            return new(null, validated.Errors);
        }

        var donation = await recognition.RecordAsync(validated.Value!, cancellationToken);
        await audit.AppendAsync(
            new OperatorAction(Scope, time.GetUtcNow(), actor, Recorded, donation.Id, donation.Submission.InquiryReference, null), cancellationToken);
        return new(donation, validated.Errors);
    }

    /// <summary>The latest donations recorded from the console, newest first.</summary>
    public Task<IReadOnlyList<OperatorAction>> HistoryAsync(int max, CancellationToken cancellationToken) => audit.ListAsync(Scope, max, cancellationToken);
}
