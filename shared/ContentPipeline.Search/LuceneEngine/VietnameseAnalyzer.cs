using System.Text.RegularExpressions;
using ContentPipeline.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Syllable tokens, lower-cased, either with their accents in canonical form (so "hoá" = "hóa") or folded
/// ("hà nội" = "ha noi"); or, with <c>pairs</c>, folded pairs of adjacent syllables. Offsets point into the original
/// text, so highlights land on what the reader sees, NFD or not.
/// </summary>
/// <remarks>
/// A dot between two letters separates words ("TP.HCM", "C.Ronaldo", "PGS.TS"): the standard tokenizer would keep
/// such a run as one token, so "Ronaldo" never found "C.Ronaldo". Digits keep their dots ("12.000"). Elasticsearch's
/// analyzers do the same with a pattern_replace char filter (<see cref="DottedWords"/>). With <c>splitDotted</c> off
/// the run stays one token, as indexes written before kept it: what a query is also looked for in.
/// </remarks>
public sealed class VietnameseAnalyzer(bool fold, bool pairs = false, bool splitDotted = true) : Analyzer
{
    /// <summary>A dot between two letters; replaced by a space before tokenising.</summary>
    public const string DottedWords = @"(?<=\p{L})\.(?=\p{L})";
    private static readonly Regex DotBetweenLetters = new(DottedWords, RegexOptions.Compiled);

    // A dot becomes a space, one character for one, so offsets into the text stay right without a CharFilter's
    // corrections (Lucene.NET's PatternReplaceCharFilter left such dots in place).
    protected override TextReader InitReader(string fieldName, TextReader reader)
    {
        if (!splitDotted) return reader;
        // Lucene.NET's reader of an empty string reads null.
        var text = reader.ReadToEnd() ?? "";
        return new StringReader(text.Contains('.') ? DotBetweenLetters.Replace(text, " ") : text);
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader) { MaxTokenLength = 64 };
        TokenStream syllables = new VietnameseTokenFilter(tokenizer, fold);
        // Pairs only: "hà nội mở rộng" gives "ha noi", "noi mo", "mo rong".
        if (pairs) { var shingles = new ShingleFilter(syllables, 2, 2); shingles.SetOutputUnigrams(false); syllables = shingles; }
        return new TokenStreamComponents(tokenizer, syllables);
    }

    /// <summary>The analysed terms of a text, in order: what a query must match.</summary>
    public IReadOnlyList<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    private sealed class VietnameseTokenFilter(TokenStream input, bool fold) : TokenFilter(input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var text = _term.ToString();
            var normalized = fold ? VietnameseText.Fold(text) : VietnameseText.Normalize(text);
            _term.SetEmpty().Append(normalized.ToLowerInvariant());
            return true;
        }
    }
}
