using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Hosting;

/// <summary>A storage outage is a 503 with Retry-After and problem+json, not a 500: the client should try again.</summary>
public static class StorageUnavailableProblem
{
    public static bool Is(Exception exception) =>
        exception is StorageUnavailableException || exception.InnerException is StorageUnavailableException
        || exception is AggregateException { InnerExceptions: [StorageUnavailableException] };

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is unavailable",
            detail: "Nothing was changed. Please try again in a few seconds.").ExecuteAsync(context);
    }
}
