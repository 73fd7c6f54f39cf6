using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Functions.Web;

/// <summary>Settings of the web pages (section Web).</summary>
public sealed class WebOptions
{
    /// <summary>A form sent sooner than this after it was served is a bot's: nothing is stored.</summary>
    [Range(0, 600)]
    public int MinFillSeconds { get; set; } = 3;

    /// <summary>Form submissions allowed per client address and window.</summary>
    [Range(1, 100_000)]
    public int FormPermitLimit { get; set; } = 10;

    [Range(1, 1440)]
    public int FormWindowMinutes { get; set; } = 10;
}

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
