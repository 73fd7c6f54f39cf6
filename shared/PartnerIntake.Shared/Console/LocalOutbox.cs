using Microsoft.Extensions.Options;
using MimeKit;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Console;

public sealed record OutboxFile(string FileName, DateTimeOffset WrittenAt, long Size);

/// <summary>One .eml file of the local outbox, parsed.</summary>
public sealed record OutboxMessage(
    string FileName,
    string? Subject,
    string? From,
    string? To,
    DateTimeOffset? Date,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Text,
    string? Html);

/// <summary>
/// The local transport's outbox folder (<see cref="MailOptions.OutboxPath"/>, one <c>{outboxId}.eml</c> per message, see
/// <see cref="LocalOutboxTransport"/>): the listing, newest first, and one message parsed. <see cref="Read"/> opens only a
/// plain file name that the listing would show — never a path — so no name can reach outside the folder.
/// </summary>
public sealed class LocalOutbox(IOptions<MailOptions> options)
{
    public const int DefaultMax = 200;

    /// <summary>Larger files are not parsed (the outbox's messages are a few KiB).</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public string Folder { get; } = Path.GetFullPath(options.Value.OutboxPath);

    /// <summary>The .eml files, newest first (then by name); empty when the folder does not exist yet.</summary>
    public IReadOnlyList<OutboxFile> List(int max = DefaultMax)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return new DirectoryInfo(Folder).EnumerateFiles("*.eml", SearchOption.TopDirectoryOnly)
            .Where(f => IsListable(f.Name))
            .Select(f => new OutboxFile(f.Name, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero), f.Length))
            .OrderByDescending(f => f.WrittenAt)
            .ThenBy(f => f.FileName, StringComparer.Ordinal)
            .Take(Math.Max(1, max))
            .ToList();
    }

    /// <summary>The message in <paramref name="fileName"/>, or null when no such file is in the listing (or it is too large).</summary>
    public OutboxMessage? Read(string fileName)
    {
        if (!IsListable(fileName) || !Directory.Exists(Folder))
        {
            return null;
        }

        var file = new DirectoryInfo(Folder).EnumerateFiles("*.eml", SearchOption.TopDirectoryOnly)
            .FirstOrDefault(f => string.Equals(f.Name, fileName, StringComparison.Ordinal));
        if (file is null || file.Length > MaxFileBytes || file.LinkTarget is not null
            || !string.Equals(Path.GetDirectoryName(file.FullName), Path.TrimEndingDirectorySeparator(Folder), StringComparison.Ordinal))
        {
            return null;
        }

        MimeMessage message;
        try
        {
            message = MimeMessage.Load(file.FullName);
        }
        catch (FileNotFoundException)
        {
            return null; // replaced or removed since it was listed
        }
        catch (FormatException)
        {
            return null; // not a message at all (MimeKit's ParseException)
        }

        using (message)
        {
            // MimeKit keeps the Content-* headers with the body: together they are the headers the file has.
            var headers = message.Headers.Concat(message.Body?.Headers ?? []).Select(h => KeyValuePair.Create(h.Field, h.Value)).ToList();
            return new OutboxMessage(file.Name, message.Subject, Header(message, HeaderId.From), Header(message, HeaderId.To),
                message.Date == DateTimeOffset.MinValue ? null : message.Date,
                headers, message.TextBody, message.HtmlBody);
        }
    }

    // The header as written, encoded words decoded ("Nowak, Anna" stays quoted), rather than MimeKit's re-formatted address.
    private static string? Header(MimeMessage message, HeaderId id) => message.Headers.Contains(id) ? message.Headers[id] : null;

    /// <summary>A plain file name ending in .eml: no directory part, no leading dot (temporary files), no control characters.</summary>
    public static bool IsListable(string? fileName) =>
        !string.IsNullOrEmpty(fileName)
        && fileName.Length <= 255
        && fileName.EndsWith(".eml", StringComparison.OrdinalIgnoreCase)
        && fileName[0] != '.'
        && fileName.IndexOfAny(['/', '\\', ':']) < 0
        && !fileName.Any(char.IsControl)
        && Path.GetFileName(fileName) == fileName;
}
