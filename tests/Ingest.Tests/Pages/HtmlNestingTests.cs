using ContentPipeline.Ingest.Pages;
using ContentPipeline.Testing;

namespace ContentPipeline.Ingest.Tests.Pages;

public sealed class HtmlNestingTests
{
    [Fact]
    public void Real_pages_nest_far_less_than_the_limit()
    {
        foreach (var page in Directory.GetFiles(SharedData.File("pages"), "*.html"))
        {
            var depth = HtmlNesting.Depth(File.ReadAllText(page));
            Assert.True(depth is > 5 and < 300, $"{Path.GetFileName(page)} nests {depth} deep");
        }
    }

    [Fact]
    public void A_hundred_thousand_nested_elements_are_seen_at_once()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        Assert.True(HtmlNesting.Depth(html) > HtmlNesting.MaxDepth);
    }

    [Theory]
    [InlineData("<div><br><img src=x><p>a<p>b</div>", 1)]
    [InlineData("<div><!-- <div><div> --><span/></div>", 1)]
    [InlineData("<script>if (a<b) { '<div><div>' }</script><div></div>", 1)]
    public void Void_elements_comments_and_script_text_do_not_count(string html, int depth) =>
        Assert.Equal(depth, HtmlNesting.Depth(html));
}
