namespace PartnerIntake.Shared.Intake;
public static class Placeholder { }
