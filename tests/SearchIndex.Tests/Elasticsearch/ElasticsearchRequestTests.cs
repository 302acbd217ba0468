using System.Text.Json.Nodes;
using ContentPipeline.Search;
using ContentPipeline.Search.Elasticsearch;
using ContentPipeline.Search.Queries;
using ContentPipeline.SearchIndex.Tests.LuceneEngine;

namespace ContentPipeline.SearchIndex.Tests.Elasticsearch;

/// <summary>The shape of what the Elasticsearch adapter sends, checked without a cluster.</summary>
public sealed class ElasticsearchRequestTests
{
    [Fact]
    public void Index_is_created_behind_its_alias_with_folded_sub_fields_and_strict_mapping()
    {
        var index = ElasticsearchRequests.IndexDefinition("contentpipeline-articles");
        Assert.True(index["aliases"]!.AsObject().ContainsKey("contentpipeline-articles"));
        Assert.Equal("strict", index["mappings"]!["dynamic"]!.GetValue<string>());
        Assert.Equal("1s", index["settings"]!["index"]!["refresh_interval"]!.GetValue<string>());
        var title = index["mappings"]!["properties"]!["title"]!;
        Assert.Equal("vi_folded", title["fields"]!["folded"]!["analyzer"]!.GetValue<string>());
        Assert.Equal(["lowercase", "asciifolding"], index["settings"]!["analysis"]!["analyzer"]!["vi_folded"]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Theory]
    [InlineData("contentpipeline-articles")]
    [InlineData("contentpipeline-related")]
    public void The_index_template_in_deploy_is_the_one_the_adapter_puts(string alias)
    {
        var template = ElasticsearchRequests.IndexTemplate(alias);
        Assert.Equal($"{alias}-v*", template["index_patterns"]![0]!.GetValue<string>());
        // Every version of the index has the mappings of the index the adapter creates, and no alias of its own:
        // the alias moves to a rebuilt index only when it is ready.
        Assert.True(JsonNode.DeepEquals(ElasticsearchRequests.IndexDefinition(alias)["mappings"], template["template"]!["mappings"]));
        Assert.Null(template["template"]!["aliases"]);
        var shipped = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "elasticsearch", $"{alias}.index-template.json")));
        Assert.True(JsonNode.DeepEquals(template, shipped), $"deploy/elasticsearch/{alias}.index-template.json differs from ElasticsearchRequests.IndexTemplate: write it out again");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContentPipeline.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ContentPipeline.sln not found above the test binaries.");
    }

    [Fact]
    public void Documents_carry_id_version_and_kind_and_every_mapped_field_exists()
    {
        var mapped = ElasticsearchRequests.IndexDefinition("a")["mappings"]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        var article = ElasticsearchRequests.ArticleDocument("id-1", 7, LuceneIndex.Article("Hà Nội", "Thân bài", "Thời sự", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)));
        Assert.Equal(7, article["version"]!.GetValue<long>());
        Assert.Equal("article", article["kind"]!.GetValue<string>());
        Assert.Equal(1_700_000_000_000, article["published"]!.GetValue<long>());
        Assert.Subset(mapped, article.Select(p => p.Key).ToHashSet());
        Assert.Equal("tombstone", ElasticsearchRequests.TombstoneDocument("id-1", 8)["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Search_requires_every_word_filters_live_articles_and_keeps_facets_unfiltered()
    {
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "mưa lũ", Category = "Thời sự", Size = 5 }, QueryPlan.Read("mưa lũ"), after: null);
        var must = body["query"]!["bool"]!["must"]!.AsArray();
        Assert.Equal(2, must.Count);
        Assert.Equal("mua", must[0]!["multi_match"]!["query"]!.GetValue<string>());
        Assert.Contains(body["query"]!["bool"]!["filter"]!.AsArray(), f => f!["term"]?["kind"]?.GetValue<string>() == "article");
        Assert.Equal("Thời sự", body["post_filter"]!["term"]!["category"]!.GetValue<string>());
        Assert.Equal("category", body["aggs"]!["categories"]!["terms"]!["field"]!.GetValue<string>());
        Assert.Equal(5, body["size"]!.GetValue<int>());
    }

    [Fact]
    public void A_long_query_asks_for_all_words_but_one_and_lifts_articles_holding_every_word_near_one_another()
    {
        string[] words = ["tram", "bom", "chong", "ngap", "thanh", "xuan"];
        var text = string.Join(' ', words);
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = text }, QueryPlan.Read(text), after: null);
        var some = body["query"]!["bool"]!["must"]!.AsArray().Single()!["bool"]!;
        Assert.Equal(5, some["minimum_should_match"]!.GetValue<int>());
        Assert.Equal(words, some["should"]!.AsArray().Select(w => w!["multi_match"]!["query"]!.GetValue<string>()));
        var tier = body["query"]!["bool"]!["should"]!.AsArray().Single(c => c!["constant_score"] is not null)!["constant_score"]!;
        Assert.Equal(SearchRelaxation.FullMatchBoost, tier["boost"]!.GetValue<float>());
        var inBody = tier["filter"]!["bool"]!["should"]!.AsArray().Single(f => f!["span_near"]!["clauses"]![0]!["span_term"]!["body.folded"] is not null)!["span_near"]!;
        Assert.Equal(words, inBody["clauses"]!.AsArray().Select(c => c!["span_term"]!["body.folded"]!.GetValue<string>()));
        Assert.Equal((SearchRelaxation.NearSlop(6), false), (inBody["slop"]!.GetValue<int>(), inBody["in_order"]!.GetValue<bool>()));

        // Three words: every one required, as typed, and the same lift for them near one another; one word: no lift.
        var strict = ElasticsearchRequests.Search(new SearchQuery { Text = "tram bom chong" }, QueryPlan.Read("tram bom chong"), after: null);
        Assert.Equal(3, strict["query"]!["bool"]!["must"]!.AsArray().Count);
        Assert.Contains(strict["query"]!["bool"]!["should"]!.AsArray(), c => c!["constant_score"]?["filter"]?["bool"]?["should"] is not null);
        var one = ElasticsearchRequests.Search(new SearchQuery { Text = "tram" }, QueryPlan.Read("tram"), after: null);
        Assert.DoesNotContain(one["query"]!["bool"]!["should"]!.AsArray(), c => c!["constant_score"] is not null);
    }

    [Fact]
    public void Forgiving_typos_asks_for_long_words_with_one_letter_changed_weighing_less_below_every_full_match()
    {
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "huy chuong vamg" }, QueryPlan.Read("huy chuong vamg"), after: null, typos: true);
        var words = body["query"]!["bool"]!["must"]!.AsArray();
        Assert.Equal(3, words.Count);
        // One word mistyped at most: two of the three as typed.
        var asTyped = body["query"]!["bool"]!["filter"]!.AsArray().Single(f => f!["bool"] is not null)!["bool"]!;
        Assert.Equal(2, asTyped["minimum_should_match"]!.GetValue<int>());
        Assert.Equal("vamg", asTyped["should"]![2]!["multi_match"]!["query"]!.GetValue<string>());
        var chuong = words[1]!["dis_max"]!["queries"]!.AsArray();
        Assert.Equal("chuong", chuong[0]!["multi_match"]!["query"]!.GetValue<string>());
        // Also the syllables it may join ("chu ông"), standing together.
        var joined = chuong[1]!["multi_match"]!;
        Assert.Equal(("chu ong", "phrase"), (joined["query"]!.GetValue<string>(), joined["type"]!.GetValue<string>()));
        var typo = chuong[2]!["multi_match"]!;
        // In the title, the words it joins weigh as the word would.
        var title = body["query"]!["bool"]!["should"]![4]!["dis_max"]!["queries"]!.AsArray().Select(q => q!["multi_match"]!["query"]!.GetValue<string>());
        Assert.Equal(["chuong", "chu ong"], title);
        Assert.Equal(("chuong", 1, 1, SearchRelaxation.TypoWeight),
            (typo["query"]!.GetValue<string>(), typo["fuzziness"]!.GetValue<int>(), typo["prefix_length"]!.GetValue<int>(), typo["boost"]!.GetValue<float>()));
        // "huy" is too short to guess at.
        Assert.NotNull(words[0]!["multi_match"]);
        var tier = body["query"]!["bool"]!["should"]!.AsArray().Single(c => c!["constant_score"]?["boost"]?.GetValue<float>() == SearchRelaxation.FullMatchBoost)!;
        Assert.Equal(3, tier["constant_score"]!["filter"]!["bool"]!["should"]![0]!["span_near"]!["clauses"]!.AsArray().Count);
    }

    [Fact]
    public void Suggest_forgiving_typos_asks_for_long_words_typed_whole_with_one_letter_changed_one_word_at_most()
    {
        var body = ElasticsearchRequests.Suggest(["thu", "tuonh", "ch"], [], 5, SearchRelaxation.SuggestTyposWorthTrying(["thu", "tuonh", "ch"], found: 0, size: 5))["query"]!["bool"]!;
        var must = body["must"]!.AsArray();
        // "thu" is too short to guess at; "ch" is still being typed.
        Assert.Equal("thu", must[0]!["term"]!["title.folded"]!.GetValue<string>());
        var tuonh = must[1]!["dis_max"]!["queries"]!.AsArray();
        Assert.Equal("tuonh", tuonh[0]!["term"]!["title.folded"]!.GetValue<string>());
        var fuzzy = tuonh[1]!["fuzzy"]!["title.folded"]!;
        Assert.Equal(("tuonh", 1, 1, SearchRelaxation.TypoWeight),
            (fuzzy["value"]!.GetValue<string>(), fuzzy["fuzziness"]!.GetValue<int>(), fuzzy["prefix_length"]!.GetValue<int>(), fuzzy["boost"]!.GetValue<float>()));
        Assert.Equal("ch", must[2]!["bool"]!["should"]![0]!["prefix"]!["title.folded"]!.GetValue<string>());
        // Every word as typed but one, the last as a prefix.
        var asTyped = body["filter"]!.AsArray().Single(f => f!["bool"] is not null)!["bool"]!;
        Assert.Equal(2, asTyped["minimum_should_match"]!.GetValue<int>());
        Assert.Equal("ch", asTyped["should"]![2]!["bool"]!["should"]![0]!["prefix"]!["title.folded"]!.GetValue<string>());
        Assert.Null(ElasticsearchRequests.Suggest(["thu", "tuonh", "ch"], [], 5)["query"]!["bool"]!["must"]![1]!["dis_max"]);
    }

    [Fact]
    public void A_syllable_typed_in_Telex_is_asked_for_as_typed_and_as_the_one_it_spells()
    {
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "vieejt nam" }, QueryPlan.Read("vieejt nam"), after: null)["query"]!["bool"]!;
        var forms = body["must"]![0]!["dis_max"]!["queries"]!.AsArray().Select(q => q!["multi_match"]!["query"]!.GetValue<string>()).ToList();
        Assert.Equal(["vieejt", "viet"], forms);
        // The phrase bonus both ways.
        var titlePhrases = body["should"]!.AsArray().Select(c => c!["match_phrase"]?["title.folded"]?["query"]?.GetValue<string>()).OfType<string>();
        Assert.Equal(["vieejt nam", "viet nam"], titlePhrases);
    }

    [Fact]
    public void Suggest_finding_nothing_asks_for_the_word_being_typed_with_one_letter_wrong_from_three_letters()
    {
        var last = ElasticsearchRequests.Suggest(["bo", "giao", "duv"], [], 5, SearchRelaxation.SuggestTyposWorthTrying(["bo", "giao", "duv"], found: 0, size: 5))["query"]!["bool"]!["must"]![2]!["bool"]!["should"]!.AsArray();
        Assert.Equal("duv", last[0]!["bool"]!["should"]![0]!["prefix"]!["title.folded"]!.GetValue<string>());
        var regexp = last[1]!["regexp"]!["title.folded"]!;
        Assert.Equal((SearchRelaxation.PrefixWithOneLetterWrong("duv"), SearchRelaxation.TypoWeight), (regexp["value"]!.GetValue<string>(), regexp["boost"]!.GetValue<float>()));
        // Not on the first try, nor when the first found something, nor for two letters.
        Assert.DoesNotContain("regexp", ElasticsearchRequests.Suggest(["bo", "giao", "duv"], [], 5).ToJsonString());
        Assert.DoesNotContain("regexp", ElasticsearchRequests.Suggest(["bo", "giao", "duv"], [], 5, SearchRelaxation.SuggestTyposWorthTrying(["bo", "giao", "duv"], found: 1, size: 5)).ToJsonString());
        Assert.DoesNotContain("regexp", ElasticsearchRequests.Suggest(["bo", "giao", "du"], [], 5, SearchRelaxation.SuggestTyposWorthTrying(["bo", "giao", "du"], found: 0, size: 5)).ToJsonString());
    }

    [Fact]
    public void Each_accented_syllable_found_exactly_in_title_or_lead_adds_a_constant()
    {
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "ban đường phố" }, QueryPlan.Read("ban đường phố"), after: null);
        var accents = body["query"]!["bool"]!["should"]!.AsArray().Select(c => c!["constant_score"])
            .Where(c => c?["boost"]?.GetValue<float>() == SearchRelaxation.ExactAccentBoost).Select(c => c!).ToList();
        // "ban" typed without marks says nothing of its tone.
        Assert.Equal(["đường", "phố"], accents.Select(a => a["filter"]!["multi_match"]!["query"]!.GetValue<string>()));
        Assert.All(accents, a => Assert.Equal(SearchRelaxation.ExactAccentBoost, a["boost"]!.GetValue<float>()));
        Assert.Empty(QueryPlan.Read("ban duong pho").AccentedSyllables);
    }

    [Fact]
    public void Names_phrases_and_dotted_words_are_asked_for_in_every_form()
    {
        var city = QueryPlan.Read("gia nha tphcm").Words[2].Forms.Select(f => string.Join(' ', f)).ToList();
        Assert.Contains("tp hcm", city);
        Assert.Contains("thanh pho ho chi minh", city);
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "gia nha tphcm" }, QueryPlan.Read("gia nha tphcm"), after: null);
        var forms = body["query"]!["bool"]!["must"]![2]!["dis_max"]!["queries"]!.AsArray().Select(q => q!["multi_match"]!).ToList();
        Assert.Contains(forms, f => f["query"]!.GetValue<string>() == "thanh pho ho chi minh" && f["type"]!.GetValue<string>() == "phrase");

        var joined = ElasticsearchRequests.Search(new SearchQuery { Text = "gia nha hanoi" }, QueryPlan.Read("gia nha hanoi"), after: null);
        var apart = joined["query"]!["bool"]!["must"]![2]!["dis_max"]!["queries"]!.AsArray().Select(q => q!["multi_match"]!).ToList();
        Assert.Contains(apart, f => f["query"]!.GetValue<string>() == "ha noi" && f["type"]!.GetValue<string>() == "phrase");

        var suggestion = ElasticsearchRequests.Suggest(["gia", "hanoi"], ["giá"], 5)["query"]!["bool"]!;
        Assert.Equal("giá", suggestion["should"]![0]!["constant_score"]!["filter"]!["multi_match"]!["query"]!.GetValue<string>());
        var suggest = suggestion["must"]![1]!["bool"]!["should"]!.AsArray();
        Assert.Equal("hanoi", suggest[0]!["prefix"]!["title.folded"]!.GetValue<string>());
        Assert.Contains(suggest, q => q!["multi_match"]?["query"]?.GetValue<string>() == "ha noi");
        // Titles holding the words as typed together, the last a prefix, come first.
        var together = suggestion["should"]![1]!["constant_score"]!;
        Assert.Equal(("gia hanoi", SearchRelaxation.FullMatchBoost),
            (together["filter"]!["match_phrase_prefix"]!["title.folded"]!["query"]!.GetValue<string>(), together["boost"]!.GetValue<float>()));

        var quoted = ElasticsearchRequests.Search(new SearchQuery { Text = "\"ban thang\" dep" }, QueryPlan.Read("\"ban thang\" dep"), after: null);
        var phrase = quoted["query"]!["bool"]!["must"]![0]!["multi_match"]!;
        Assert.Equal(("ban thang", "phrase"), (phrase["query"]!.GetValue<string>(), phrase["type"]!.GetValue<string>()));

        // Indexes written before dotted words were split hold "pgs.ts" whole.
        Assert.Equal([["pgs", "ts"], ["pgs.ts"]], QueryPlan.Read("PGS.TS").Words.Single().Forms);
        var analysis = ElasticsearchRequests.IndexDefinition("a")["settings"]!["analysis"]!;
        Assert.Equal("dotted_words", analysis["analyzer"]!["vi_folded"]!["char_filter"]![0]!.GetValue<string>());
        Assert.Equal(LuceneEngine_DottedWords, analysis["char_filter"]!["dotted_words"]!["pattern"]!.GetValue<string>());
    }

    private const string LuceneEngine_DottedWords = ContentPipeline.Search.LuceneEngine.VietnameseAnalyzer.DottedWords;

    [Fact]
    public void A_number_is_asked_for_in_its_dotted_and_plain_forms()
    {
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "12000 ty" }, QueryPlan.Read("12000 ty"), after: null);
        var number = body["query"]!["bool"]!["must"]!.AsArray()[0]!["dis_max"]!["queries"]!.AsArray();
        Assert.Equal(["12000", "12.000"], number.Select(f => f!["multi_match"]!["query"]!.GetValue<string>()));
        Assert.Equal(["12.000", "12000"], QueryNumbers.Forms("12.000"));
        Assert.Equal(["0912345678"], QueryNumbers.Forms("0912345678"));
        Assert.Equal("tết 2024, 1250000 đồng, lớp 12", QueryNumbers.JoinGroups("tết 2024, 1 250 000 đồng, lớp 12"));
    }

    [Fact]
    public void Acronyms_are_indexed_with_their_expansions_and_searched_in_both_forms()
    {
        var index = ElasticsearchRequests.IndexDefinition("a");
        Assert.Equal("vi_folded", index["mappings"]!["properties"]!["acronyms"]!["analyzer"]!.GetValue<string>());
        var article = LuceneIndex.Article("HĐND quận họp") with { Acronyms = [new("HĐND", "Hội đồng nhân dân")] };
        Assert.Equal("HĐND Hội đồng nhân dân", ElasticsearchRequests.ArticleDocument("id-1", 1, article)["acronyms"]!.GetValue<string>());
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "hdnd" }, QueryPlan.Read("hdnd"), after: null);
        var hdnd = body["query"]!["bool"]!["must"]![0]!["dis_max"]!["queries"]!.AsArray();
        // Asked for as itself and as its expansion, from the name spellings, whatever the article writes.
        Assert.Equal(["hdnd", "hoi dong nhan dan"], hdnd.Select(form => form!["multi_match"]!["query"]!.GetValue<string>()).Order());
    }

    [Fact]
    public void A_cursor_becomes_search_after_with_the_same_sort_keys()
    {
        var newest = ElasticsearchRequests.Search(new SearchQuery { Text = "", Sort = SearchSort.Newest }, QueryPlan.Read(""), new PageCursor(null, 123, "b"));
        Assert.Equal("[123,\"b\"]", newest["search_after"]!.ToJsonString());
        Assert.Equal("[{\"published\":\"desc\"},{\"id\":\"asc\"}]", newest["sort"]!.ToJsonString());
        var relevance = ElasticsearchRequests.Search(new SearchQuery { Text = "x" }, QueryPlan.Read("x"), new PageCursor(1.5, null, "c"));
        Assert.Equal("[1.5,\"c\"]", relevance["search_after"]!.ToJsonString());
    }

    [Fact]
    public void Reading_all_pages_through_articles_in_id_order()
    {
        var first = ElasticsearchRequests.ReadAll(null, 500);
        Assert.Null(first["search_after"]);
        Assert.Equal("[{\"id\":\"asc\"}]", first["sort"]!.ToJsonString());
        Assert.Equal("[{\"term\":{\"kind\":\"article\"}}]", first["query"]!["bool"]!["filter"]!.ToJsonString());
        Assert.Equal("[\"a9\"]", ElasticsearchRequests.ReadAll("a9", 500)["search_after"]!.ToJsonString());
    }
}
