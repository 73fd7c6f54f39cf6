using System.Globalization;
using System.Resources;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// The form's English labels for codes the console shows (topics): read from the neutral WebText.resx, so the console
/// says what the partner chose in the words the partner saw, whatever the operator's browser language.
/// </summary>
public static class ConsoleLabels
{
    private static readonly ResourceManager Text = new(typeof(WebText).FullName!, typeof(WebText).Assembly);

    public static string Topic(string code) => Text.GetString("Topic_" + code, CultureInfo.InvariantCulture) ?? code;
}
