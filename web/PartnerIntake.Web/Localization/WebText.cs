namespace PartnerIntake.Web.Localization;

/// <summary>Anchor type of the web pages' resource files (WebText.resx and WebText.{language}.resx).</summary>
public sealed class WebText;
