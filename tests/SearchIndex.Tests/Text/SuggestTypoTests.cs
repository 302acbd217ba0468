using ContentPipeline.Search.Queries;
using Lucene.Net.Util.Automaton;

namespace ContentPipeline.SearchIndex.Tests.Text;

public sealed class SuggestTypoTests
{
    [Theory]
    [InlineData("duv", "duc", true)]
    [InlineData("duv", "dung", true)]
    [InlineData("duv", "dv", true)]
    [InlineData("dyc", "duc", true)]
    [InlineData("thuonh", "thuong", true)]
    [InlineData("thuong", "thuongmai", true)]
    [InlineData("tuong", "thuong", true)]
    [InlineData("duv", "dau", false)]
    [InlineData("duv", "nuv", false)]
    [InlineData("thuonh", "thuan", false)]
    public void A_prefix_with_one_letter_wrong_finds_the_words_it_may_begin_the_first_letter_kept(string prefix, string word, bool found)
    {
        var words = new RegExp(SearchRelaxation.PrefixWithOneLetterWrong(prefix)).ToAutomaton();
        Assert.Equal(found, BasicOperations.Run(words, word));
    }

    [Theory]
    [InlineData(new[] { "bo", "giao", "duv" }, true)]
    [InlineData(new[] { "bo", "giao", "du" }, false)]
    [InlineData(new[] { "duv" }, false)]
    [InlineData(new[] { "thuonh" }, true)]
    [InlineData(new[] { "bo", "u23" }, false)]
    [InlineData(new[] { "bo", "nghiengnghieng" }, false)]
    public void The_word_being_typed_is_guessed_at_from_three_letters_after_others_and_four_alone(string[] words, bool guessed) =>
        Assert.Equal(guessed, SearchRelaxation.LastMayBeMistyped(words));

    [Theory]
    [InlineData(new[] { "bo", "giao", "duv" }, 0, true, true)]
    [InlineData(new[] { "bo", "giao", "duv" }, 3, true, false)]
    [InlineData(new[] { "bo", "gi", "duv" }, 0, false, true)]
    [InlineData(new[] { "bo", "gi", "duv" }, 3, false, false)]
    [InlineData(new[] { "bo", "giao", "duv" }, 8, false, false)]
    public void A_word_typed_whole_is_guessed_at_when_too_few_are_found_the_word_being_typed_when_none(string[] words, int found, bool typedWhole, bool beingTyped) =>
        Assert.Equal(typedWhole || beingTyped ? new SuggestTypos(typedWhole, beingTyped) : null, SearchRelaxation.SuggestTyposWorthTrying(words, found, size: 8));

    [Fact]
    public void The_longest_word_guessed_at_makes_an_expression_Elasticsearch_accepts()
    {
        // Letters all different: no two ways of getting it wrong are the same.
        var longest = string.Concat(Enumerable.Range(0, SearchRelaxation.LongestGuessedPrefix).Select(i => (char)('a' + i)));
        Assert.InRange(SearchRelaxation.PrefixWithOneLetterWrong(longest).Length, 1, 1_000);
    }
}
