using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Web.Hosting;

namespace PartnerIntake.Web.Intake;

/// <summary>What became of a form post.</summary>
public abstract record FormOutcome
{
    public sealed record Accepted(string Reference) : FormOutcome;

    /// <summary>Field errors keyed by the contract's JSON paths, with the API's messages.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : FormOutcome;

    /// <summary>The hidden honeypot field was filled, which a person cannot do: answered with a neutral page, nothing stored.</summary>
    public sealed record Rejected(string Reason) : FormOutcome;

    /// <summary>
    /// Sent sooner after the form was first served than a person fills it in. A person may still get here (a form
    /// filled by the browser's autofill), so nothing pretends success: the form comes back, as filled, asking to send again.
    /// </summary>
    public sealed record TooFast : FormOutcome;

    /// <summary>The form's timing token is missing, forged or older than a day: the partner sends it again.</summary>
    public sealed record Expired : FormOutcome;

    public sealed record Unavailable : FormOutcome;

    /// <summary>The client's submissions for this window are used up (shared with the API): nothing stored.</summary>
    public sealed record Limited : FormOutcome;
}

/// <summary>
/// The partner form's fields are named by the contract's JSON paths (organization.name, topics, …): this turns
/// a post into the same JSON document the API takes and runs the same validator, so both give the same messages.
/// </summary>
public sealed partial class InquiryForm(
    SubmitInquiry submit, TableIntakeRefusals refusals, IDataProtectionProvider protection, TimeProvider time, IOptions<WebOptions> options,
    ILogger<InquiryForm> logger)
{
    public const string HoneypotField = "homepage";
    public const string TokenField = "formToken";

    private static readonly string[] ListFields = ["topics", "contentLanguages"];
    private readonly ITimeLimitedDataProtector tokens = protection.CreateProtector("PartnerIntake.InquiryForm.Timing").ToTimeLimitedDataProtector();

    /// <summary>
    /// The token for a form being shown again (after errors): the posted one while it is valid, so that the minimum fill
    /// time counts from the first time the form was served to this visitor, not from the error page; else a new one.
    /// </summary>
    public string TokenFor(string? posted) => ReadToken(posted) is not null ? posted! : IssueToken();

    /// <summary>A token carrying when the form was served; protected so a bot cannot forge an older time.</summary>
    public string IssueToken()
    {
        var now = time.GetUtcNow();
        var issued = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ":" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        return tokens.Protect(issued, now.AddDays(1));
    }

    /// <param name="client">Who the submission counts against (<see cref="ClientAddress"/>; the API counts against the same).</param>
    public async Task<FormOutcome> SubmitAsync(IFormCollection form, string client, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(form[HoneypotField]))
        {
            LogRejected(logger, "honeypot");
            await CountRefusalAsync("honeypot", cancellationToken);
            return new FormOutcome.Rejected("honeypot");
        }

        var issuedAt = ReadToken(form[TokenField]);
        if (issuedAt is null)
        {
            return new FormOutcome.Expired();
        }

        if (time.GetUtcNow() - issuedAt.Value < TimeSpan.FromSeconds(options.Value.MinFillSeconds))
        {
            LogRejected(logger, "too-fast");
            await CountRefusalAsync("too-fast", cancellationToken);
            return new FormOutcome.TooFast();
        }

        var document = ToDocument(form);
        var validated = InquiryValidator.Validate(JsonSerializer.SerializeToElement(document));
        if (!validated.IsValid)
        {
            return new FormOutcome.Invalid(validated.Errors.ToDictionary());
        }

        // A double click or a reload re-sends the same form: the same token and content give the same inquiry.
        var key = "form:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(form[TokenField] + "\n" + document.ToJsonString())));
        return await submit.SubmitAsync(validated.Value!, key, client, cancellationToken) switch
        {
            SubmitOutcome.Accepted accepted => new FormOutcome.Accepted(accepted.Reference),
            SubmitOutcome.Limited => new FormOutcome.Limited(),
            _ => new FormOutcome.Unavailable(),
        };
    }

    /// <summary>Counting is for the console only: a storage outage must not change what the visitor gets.</summary>
    private async Task CountRefusalAsync(string kind, CancellationToken cancellationToken)
    {
        try
        {
            await refusals.CountAsync(kind, cancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            LogNotCounted(logger, ex, kind);
        }
    }

    /// <summary>Form fields (named by JSON path) as the contract's JSON document; empty fields are left out.</summary>
    public static JsonObject ToDocument(IFormCollection form)
    {
        // The groups always exist, so that an empty form gets "required" per field rather than per group.
        var root = new JsonObject { ["organization"] = new JsonObject(), ["contact"] = new JsonObject() };
        foreach (var (name, values) in form)
        {
            if (name is HoneypotField or TokenField || name.StartsWith("__", StringComparison.Ordinal) || !FieldPattern().IsMatch(name))
            {
                continue; // antiforgery token, spam fields, anything not shaped like a contract path
            }

            JsonNode? value;
            if (ListFields.Contains(name, StringComparer.Ordinal))
            {
                var items = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray();
                value = new JsonArray(items);
            }
            else if (name == "consent")
            {
                value = JsonValue.Create(values.Any(v => v == "true"));
            }
            else
            {
                var text = values.ToString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                value = JsonValue.Create(text);
            }

            Place(root, name.Split('.'), value);
        }

        if (!root.ContainsKey("consent"))
        {
            root["consent"] = false; // an unticked checkbox is not sent at all
        }

        return root;
    }

    private static void Place(JsonObject root, string[] path, JsonNode? value)
    {
        var node = root;
        foreach (var segment in path[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = new JsonObject();
                node[segment] = child;
            }

            node = child;
        }

        node[path[^1]] = value;
    }

    private DateTimeOffset? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var millis = long.Parse(tokens.Unprotect(token).Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
            return DateTimeOffset.FromUnixTimeMilliseconds(millis);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-zA-Z]+(\.[a-zA-Z]+)?$")]
    private static partial System.Text.RegularExpressions.Regex FieldPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refused form post ({Kind}) could not be counted")]
    private static partial void LogNotCounted(ILogger logger, Exception ex, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry form refused as possibly automated ({Reason}); nothing stored")]
    private static partial void LogRejected(ILogger logger, string reason);
}
