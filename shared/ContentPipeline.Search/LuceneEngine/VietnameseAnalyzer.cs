using ContentPipeline.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Syllable tokens, lower-cased, either with their accents in canonical form (so "hoá" = "hóa") or folded
/// ("hà nội" = "ha noi"). Offsets point into the original text, so highlights land on what the reader sees,
/// NFD or not.
/// </summary>
public sealed class VietnameseAnalyzer(bool fold) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader) { MaxTokenLength = 64 };
        return new TokenStreamComponents(tokenizer, new VietnameseTokenFilter(tokenizer, fold));
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
