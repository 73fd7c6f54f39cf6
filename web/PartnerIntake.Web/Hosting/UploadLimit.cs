using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Web.Hosting;

/// <summary>
/// The console's routing upload takes at most Uploads:MaxBytes, the limit every upload has. The body is read here, before
/// the antiforgery check and model binding read the form, and never more than the limit + 1 byte of it: a larger one gets
/// the 413 page and changes nothing. Runs after authorization, so only a signed-in operator's body is read at all.
/// </summary>
public static class UploadLimit
{
    public static readonly PathString[] Paths = ["/admin/routing"];

    public static IApplicationBuilder UseUploadLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && Paths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes;
            var body = await ReadAsync(request, limit, context.RequestAborted);
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge; // the error page says so
                return;
            }

            request.Body = new MemoryStream(body, writable: false);
        }

        await next(context);
    });

    /// <summary>The body when it has at most <paramref name="limit"/> bytes, else null, having read at most limit + 1.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length)), cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
