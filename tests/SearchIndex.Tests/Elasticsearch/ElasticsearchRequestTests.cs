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
    public void A_relaxed_search_asks_for_all_words_but_one_and_lifts_every_full_match_above_the_rest()
    {
        string[] words = ["tram", "bom", "chong", "ngap", "thanh", "xuan"];
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = string.Join(' ', words) }, QueryPlan.Read(string.Join(' ', words)), after: null, relaxed: true);
        var some = body["query"]!["bool"]!["must"]!.AsArray().Single()!["bool"]!;
        Assert.Equal(5, some["minimum_should_match"]!.GetValue<int>());
        // A word of four letters or more may have one letter wrong: it is also asked for fuzzily, weighing less.
        Assert.Equal(words, some["should"]!.AsArray().Select(w => (w!["multi_match"] ?? w["dis_max"]!["queries"]![0]!["multi_match"])!["query"]!.GetValue<string>()));
        var typo = some["should"]![4]!["dis_max"]!["queries"]![1]!["multi_match"]!;
        Assert.Equal(("thanh", 1, SearchRelaxation.TypoWeight), (typo["query"]!.GetValue<string>(), typo["fuzziness"]!.GetValue<int>(), typo["boost"]!.GetValue<float>()));
        var tier = body["query"]!["bool"]!["should"]!.AsArray().Single(c => c!["constant_score"] is not null)!["constant_score"]!;
        Assert.Equal(SearchRelaxation.FullMatchBoost, tier["boost"]!.GetValue<float>());
        Assert.Equal(6, tier["filter"]!["bool"]!["must"]!.AsArray().Count);

        var strict = ElasticsearchRequests.Search(new SearchQuery { Text = string.Join(' ', words) }, QueryPlan.Read(string.Join(' ', words)), after: null);
        Assert.Equal(6, strict["query"]!["bool"]!["must"]!.AsArray().Count);
        Assert.DoesNotContain(strict["query"]!["bool"]!["should"]!.AsArray(), c => c!["constant_score"] is not null);
    }

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
    public void Acronyms_are_indexed_with_their_expansions_and_searched_with_every_word()
    {
        var index = ElasticsearchRequests.IndexDefinition("a");
        Assert.Equal("vi_folded", index["mappings"]!["properties"]!["acronyms"]!["analyzer"]!.GetValue<string>());
        var article = LuceneIndex.Article("HĐND quận họp") with { Acronyms = [new("HĐND", "Hội đồng nhân dân")] };
        Assert.Equal("HĐND Hội đồng nhân dân", ElasticsearchRequests.ArticleDocument("id-1", 1, article)["acronyms"]!.GetValue<string>());
        var body = ElasticsearchRequests.Search(new SearchQuery { Text = "hdnd" }, QueryPlan.Read("hdnd"), after: null);
        var hdnd = body["query"]!["bool"]!["must"]![0]!["dis_max"]!["queries"]!.AsArray();
        Assert.Contains(hdnd, form => form!["multi_match"]!["fields"]!.AsArray().Any(f => f!.GetValue<string>().StartsWith("acronyms")));
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
