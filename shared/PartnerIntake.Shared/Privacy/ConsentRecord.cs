namespace PartnerIntake.Shared.Privacy;

/// <summary>What the partner agreed to and when: the consent text's version (<see cref="PrivacyOptions.ConsentVersion"/>) and the time of the submission.</summary>
public sealed record ConsentRecord(string Version, DateTimeOffset At);
