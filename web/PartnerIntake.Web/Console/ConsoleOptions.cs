using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Web.Console;

/// <summary>Settings of the operators' console (section Console).</summary>
public sealed class ConsoleOptions
{
    public const string LocalKey = "AdminKey";
    public const string AppService = "AppService";

    /// <summary>
    /// AdminKey: sign in with Admin:Key (a cookie session). AppService: trust App Service Authentication
    /// (Easy Auth) and admit the principals listed in <see cref="Operators"/>.
    /// </summary>
    [AllowedValues(LocalKey, AppService)]
    public string Authentication { get; set; } = LocalKey;

    /// <summary>With AppService: the operators' principal names (e-mail / UPN), separated by ';'.</summary>
    public string Operators { get; set; } = "";

    [Range(5, 24 * 60)]
    public int SessionMinutes { get; set; } = 8 * 60;
}
