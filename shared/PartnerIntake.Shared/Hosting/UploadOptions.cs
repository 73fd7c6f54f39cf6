using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// One size limit for every upload (setting Uploads:MaxBytes, env Uploads__MaxBytes): routing tables (JSON or multipart,
/// API and console), donation and impact-metric CSVs. It counts the request body as sent, multipart framing included,
/// and is enforced while reading: a larger body is refused (413) without more than the limit + 1 byte being read.
/// </summary>
public sealed class UploadOptions
{
    /// <summary>2 MiB: the shipped routing tables are 18 KB in all, a year of donations a few hundred KB.</summary>
    public const int DefaultMaxBytes = 2 * 1024 * 1024;

    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = DefaultMaxBytes;
}
