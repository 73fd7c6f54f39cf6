namespace PartnerIntake.Functions.Hosting;

public static class BoundedBody
{
    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (whatever Content-Length claims).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// JSON must be UTF-8 (RFC 8259): a body that is not is refused up front, so no parser meets bytes it can only
    /// fail on later (System.Text.Json reads them lazily and throws when a string is first read).
    /// </summary>
    public static bool IsUtf8(byte[] body) => System.Text.Unicode.Utf8.IsValid(body);

    public static IResult NotUtf8(string what) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The body is not valid UTF-8."] }, title: $"The {what} is not valid JSON");
}
