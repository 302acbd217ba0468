using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace ContentPipeline.Ingest.Api;

/// <summary>One line of an NDJSON body: its text, or why it could not be read.</summary>
public readonly record struct NdjsonLine(int Number, string? Text, string? Error);

/// <summary>
/// Splits a streamed body into lines without holding more than one line in memory. Each line is decoded on its
/// own, so invalid UTF-8 or an oversized line costs that line only, not the rest of the body.
/// </summary>
public static class NdjsonLines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(PipeReader reader, long maxLineBytes, [EnumeratorCancellation] CancellationToken ct)
    {
        var number = 0;
        var skipping = false; // inside a line that was already reported as too long
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                number++;
                if (skipping) skipping = false;
                else yield return Decode(number, line, maxLineBytes);
            }

            if (result.IsCompleted)
            {
                if (buffer.Length > 0 && !skipping) yield return Decode(++number, buffer, maxLineBytes);
                reader.AdvanceTo(buffer.End);
                break;
            }
            if (!skipping && buffer.Length > maxLineBytes)
            {
                skipping = true;
                yield return new NdjsonLine(number + 1, null, $"The line is longer than {maxLineBytes} bytes.");
            }
            // While skipping, drop what was read; otherwise keep the partial line and ask for more.
            if (skipping) reader.AdvanceTo(buffer.End);
            else reader.AdvanceTo(buffer.Start, buffer.End);
        }
        await reader.CompleteAsync();
    }

    private static NdjsonLine Decode(int number, ReadOnlySequence<byte> bytes, long maxLineBytes)
    {
        if (bytes.Length > maxLineBytes) return new NdjsonLine(number, null, $"The line is longer than {maxLineBytes} bytes.");
        try
        {
            var text = bytes.IsSingleSegment ? Strict.GetString(bytes.FirstSpan) : Strict.GetString(bytes.ToArray());
            return new NdjsonLine(number, text.TrimEnd('\r'), null);
        }
        catch (DecoderFallbackException ex)
        {
            return new NdjsonLine(number, null, $"The line is not valid UTF-8 (byte {ex.Index + 1}).");
        }
    }
}
