namespace PartnerIntake.Web.Intake;

/// <summary>A country whose routing depends on where in it the partner is: its subdivisions (ISO 3166-2 code, name).</summary>
public sealed record SubdivisionGroup(string Country, string CountryName, IReadOnlyList<KeyValuePair<string, string>> Subdivisions);
