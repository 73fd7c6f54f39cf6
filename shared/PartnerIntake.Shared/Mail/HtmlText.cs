using System.Buffers;
using System.Text;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// The one encoding of values in HTML mail parts: the characters that can end text or an attribute value
/// (&amp; &lt; &gt; " ' ` =) become entities, every other character stays as it is. WebUtility.HtmlEncode would
/// also turn é and ü (but not ł or Arabic) into numeric entities; this is the set the HTML parts used before.
/// </summary>
internal static class HtmlText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'`=");

    public static string Encode(string text)
    {
        var next = text.AsSpan().IndexOfAny(Special);
        if (next < 0)
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16).Append(text, 0, next);
        for (var i = next; i < text.Length; i++)
        {
            var c = text[i];
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#x27;"),
                '`' => encoded.Append("&#x60;"),
                '=' => encoded.Append("&#x3D;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }
}
