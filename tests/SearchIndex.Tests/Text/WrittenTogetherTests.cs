using System.Text.RegularExpressions;
using ContentPipeline.Search.Queries;
using ContentPipeline.Testing;
using ContentPipeline.Text;

namespace ContentPipeline.SearchIndex.Tests.Text;

public sealed partial class WrittenTogetherTests
{
    [Theory]
    [InlineData("hanoi", "ha noi")]
    [InlineData("saigon", "sai gon")]
    [InlineData("vietnam", "viet nam")]
    [InlineData("danang", "da nang")]
    [InlineData("hochiminh", "ho chi minh")]
    [InlineData("nhatrang", "nha trang")]
    [InlineData("quangninh", "quang ninh")]
    [InlineData("nghiengnguoi", "nghieng nguoi")]
    [InlineData("covid19", "covid 19")]
    [InlineData("iphone15", "iphone 15")]
    [InlineData("h5n1", "h 5 n 1")]
    public void A_word_typed_joined_is_also_looked_for_as_its_parts(string typed, string apart) =>
        Assert.Contains(apart, WrittenTogether.Splits(typed).Select(s => string.Join(' ', s)));

    [Fact]
    public void Only_the_splits_with_the_fewest_syllables_are_kept() =>
        Assert.Equal(["sai gon"], WrittenTogether.Splits("saigon").Select(s => string.Join(' ', s)));

    [Theory]
    [InlineData("mai")]        // a syllable, not "ma i"
    [InlineData("nguyen")]
    [InlineData("khuyu")]
    [InlineData("gin")]
    [InlineData("google")]     // no split into syllables: k, g, ngh and qu keep their rules
    [InlineData("ronaldo")]
    [InlineData("tphcm")]      // the name table's
    [InlineData("12000")]      // QueryNumbers'
    [InlineData("ha")]
    public void A_syllable_a_number_or_a_foreign_word_stays_whole(string word) =>
        Assert.Empty(WrittenTogether.Splits(word));

    [Theory]
    [InlineData("duan", "du an")]
    [InlineData("chuong", "chu ong")]
    [InlineData("nguyen", "ngu yen|nguy en")]
    [InlineData("yte", "y te|yt e")]  // three letters, no syllable: Splits leaves those
    [InlineData("hcm", "")]
    [InlineData("hanoi", "")]      // no syllable: Splits cuts it
    [InlineData("hoa", "")]        // a syllable too short to guess at
    [InlineData("thanh", "")]      // no other way
    public void A_syllable_may_also_be_syllables_typed_joined(string typed, string joined) =>
        Assert.Equal(joined, string.Join('|', WrittenTogether.SyllablesJoined(typed).Select(s => string.Join(' ', s))));

    [Theory]
    [InlineData("U.23 Việt Nam", "U23 Việt Nam")]
    [InlineData("u-23", "u23")]
    [InlineData("u 23 viet nam", "u23 viet nam")]
    [InlineData("tiêm vắc xin cho F 0", "tiêm vắc xin cho F0")]
    [InlineData("MH-370", "MH370")]
    [InlineData("Covid-19", "Covid-19")]           // a word, not a code: "covid19" is looked for as "covid 19" anyway
    [InlineData("năm 2020", "năm 2020")]
    [InlineData("vòng 1/8", "vòng 1/8")]
    [InlineData("U 12.000", "U 12.000")]           // a number's groups
    [InlineData("TP.HCM", "TP.HCM")]
    public void A_code_of_letters_and_a_number_is_read_as_one_word(string typed, string read) =>
        Assert.Equal(read, WrittenTogether.JoinCodes(typed));

    [Fact]
    public void Nearly_every_word_written_with_marks_in_a_news_corpus_is_a_syllable_by_the_rules()
    {
        // A word with marks is Vietnamese, or a name borrowed with its marks (Nestlé, Elysées), or two words the crawl
        // glued: the rules must know nearly all, or a joined word holding a syllable they miss is never split.
        // Acronyms have no vowel ("ĐH", "HĐQT").
        var text = File.ReadLines(SharedData.File("corpus", "unc_dantri.jsonl")).Take(500)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Select(article => $"{article.GetProperty("title")} {article.GetProperty("lead")} {article.GetProperty("body")}");
        var marked = text.SelectMany(line => Letters().Matches(VietnameseText.Normalize(line)).Select(m => m.Value.ToLowerInvariant()))
            .Where(word => VietnameseText.Fold(word) != word)
            .Select(VietnameseText.Fold)
            .Where(word => word.Any(c => "aeiouy".Contains(c)))
            .ToList();
        Assert.True(marked.Count > 100_000, $"only {marked.Count} words read");
        var unknown = marked.Where(s => !WrittenTogether.IsSyllable(s)).CountBy(s => s).OrderByDescending(c => c.Value).ToList();
        Assert.True(unknown.Sum(c => c.Value) <= marked.Count / 1_000,
            $"{unknown.Sum(c => c.Value)} of {marked.Count}: " + string.Join(", ", unknown.Take(30)));
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Letters();
}
