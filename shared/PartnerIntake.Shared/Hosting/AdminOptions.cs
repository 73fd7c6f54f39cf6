using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PartnerIntake.Shared.Hosting;

public sealed class AdminOptions
{
    /// <summary>The admin key (setting Admin:Key, env Admin__Key), sent as the x-functions-key header.</summary>
    public string? Key { get; set; }
}

/// <summary>Admin endpoints require x-functions-key; without a configured key they are closed.</summary>
public sealed class AdminKeyFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string Header = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Key;
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Admin key required", detail: $"Send the admin key in the {Header} header.");
        }

        return await next(context);
    }
}
