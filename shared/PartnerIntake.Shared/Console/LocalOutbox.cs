using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Console;

public sealed record OutboxFile(string FileName, DateTimeOffset WrittenAt, long Size);

/// <summary>A line of the outbox list: the file and its To, Subject and Date headers (null when the file has no readable headers).</summary>
public sealed record OutboxEntry(OutboxFile File, string? To, string? Subject, DateTimeOffset? Date);

public sealed record OutboxPage(IReadOnlyList<OutboxEntry> Items, int Page, int PageSize, int Total, int FilesRead)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;
}

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

    public const int DefaultPageSize = 50;

    /// <summary>
    /// One page of the listing, newest first, with each message's To, Subject and Date. The directory listing is metadata
    /// only; only this page's files are opened, and of each only the header block is parsed (MimeKit stops at the blank
    /// line), so a page costs at most <paramref name="pageSize"/> small reads however large the outbox is.
    /// </summary>
    public OutboxPage ListPage(int page, int pageSize = DefaultPageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, DefaultMax);
        var files = List(int.MaxValue);
        var pages = Math.Max(1, (files.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var items = files.Skip((page - 1) * pageSize).Take(pageSize).Select(ReadHeaders).ToList();
        return new OutboxPage(items, page, pageSize, files.Count, items.Count);
    }

    private OutboxEntry ReadHeaders(OutboxFile file)
    {
        var info = new FileInfo(Path.Combine(Folder, file.FileName));
        if (info.Length > MaxFileBytes || info.LinkTarget is not null)
        {
            return new OutboxEntry(file, null, null, null);
        }

        try
        {
            var headers = HeaderList.Load(info.FullName);
            var date = headers[HeaderId.Date] is { } value && DateUtils.TryParse(value, out DateTimeOffset parsed) ? parsed : (DateTimeOffset?)null;
            return new OutboxEntry(file, headers[HeaderId.To], headers[HeaderId.Subject], date);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return new OutboxEntry(file, null, null, null); // removed since it was listed, or not a message: listed by its name only
        }
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
