using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PartnerIntake.Shared.Hosting;

public sealed class AdminOptions
{
    /// <summary>The admin key (setting Admin:Key, env Admin__Key), sent as the x-functions-key header.</summary>
    public string? Key { get; set; }

    /// <summary>Wrong keys a client may send per window before all its attempts are refused (<see cref="AdminKeyThrottle"/>).</summary>
    [Range(1, 100_000)]
    public int FailurePermitLimit { get; set; } = 10;

    [Range(1, 86_400)]
    public int FailureWindowSeconds { get; set; } = 60;
}

/// <summary>Admin endpoints require x-functions-key; without a configured key they are closed.</summary>
public sealed class AdminKeyFilter(IOptions<AdminOptions> options, AdminKeyThrottle throttle) : IEndpointFilter
{
    public const string Header = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var client = AdminKeyThrottle.Client(context.HttpContext);
        if (throttle.RetryAfter(client) is { } wait)
        {
            return AdminKeyThrottle.TooManyAttempts(context.HttpContext, wait);
        }

        var expected = options.Value.Key;
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            if (given.Length > 0)
            {
                throttle.Failed(client, context.HttpContext.Request.Path); // no key at all guesses nothing
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Admin key required", detail: $"Send the admin key in the {Header} header.");
        }

        return await next(context);
    }
}
