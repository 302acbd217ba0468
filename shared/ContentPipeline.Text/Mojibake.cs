using System.Text;
using System.Text.RegularExpressions;

namespace ContentPipeline.Text;

/// <summary>
/// Repairs double-encoded UTF-8: text whose UTF-8 bytes were read as Latin-1 or Windows-1252 ("GiÃ¡o dá»¥c" for
/// "Giáo dục"), as some saved news pages are. Only byte sequences that form valid UTF-8 are decoded, so correct text
/// around them, Vietnamese or "café", is left as it is.
/// </summary>
public static partial class Mojibake
{
    // Windows-1252 puts printable characters where Latin-1 has controls (0x80-0x9F).
    private static readonly Dictionary<char, byte> Windows1252 = new()
    {
        ['€'] = 0x80, ['‚'] = 0x82, ['ƒ'] = 0x83, ['„'] = 0x84, ['…'] = 0x85, ['†'] = 0x86, ['‡'] = 0x87, ['ˆ'] = 0x88,
        ['‰'] = 0x89, ['Š'] = 0x8A, ['‹'] = 0x8B, ['Œ'] = 0x8C, ['Ž'] = 0x8E, ['‘'] = 0x91, ['’'] = 0x92, ['“'] = 0x93,
        ['”'] = 0x94, ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97, ['˜'] = 0x98, ['™'] = 0x99, ['š'] = 0x9A, ['›'] = 0x9B,
        ['œ'] = 0x9C, ['ž'] = 0x9E, ['Ÿ'] = 0x9F,
    };

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    // A UTF-8 lead byte read as one character, followed by a continuation byte read as another: "Ã¡", "á»", "Ä\u0090".
    [GeneratedRegex("[\u00C2-\u00F4][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]")]
    private static partial Regex DoubleEncodedPair();

    /// <summary>True when the text has the marks of double encoding (a few lead/continuation pairs).</summary>
    public static bool Suspected(string text) => DoubleEncodedPair().Count(text) >= 3;

    public static string Repair(string text)
    {
        if (!Suspected(text)) return text;
        var result = new StringBuilder(text.Length);
        Span<byte> sequence = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            var length = SequenceLength(text, i, sequence);
            if (length > 1)
            {
                try
                {
                    result.Append(Strict.GetString(sequence[..length]));
                    i += length;
                    continue;
                }
                catch (DecoderFallbackException) { } // overlong or surrogate: not UTF-8 after all
            }
            result.Append(text[i]);
            i++;
        }
        return result.ToString();
    }

    /// <summary>The length of the UTF-8 sequence whose bytes the characters at <paramref name="start"/> stand for, or 0.</summary>
    private static int SequenceLength(string text, int start, Span<byte> sequence)
    {
        if (!AsByte(text[start], out var lead)) return 0;
        var length = lead switch { >= 0xC2 and <= 0xDF => 2, >= 0xE0 and <= 0xEF => 3, >= 0xF0 and <= 0xF4 => 4, _ => 0 };
        if (length == 0 || start + length > text.Length) return 0;
        sequence[0] = lead;
        for (var k = 1; k < length; k++)
        {
            if (!AsByte(text[start + k], out var next) || next is < 0x80 or > 0xBF) return 0;
            sequence[k] = next;
        }
        return length;
    }

    private static bool AsByte(char c, out byte value)
    {
        if (c <= '\u00FF')
        {
            value = (byte)c;
            return true;
        }
        return Windows1252.TryGetValue(c, out value);
    }
}
