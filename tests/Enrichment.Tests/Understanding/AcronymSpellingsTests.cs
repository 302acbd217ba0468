using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Search.Queries;
using ContentPipeline.Text;

namespace ContentPipeline.Enrichment.Tests.Understanding;

public sealed class AcronymSpellingsTests
{
    /// <summary>
    /// Search finds an acronym's expansion through its name spellings, not through what enrichment lists per article:
    /// an acronym enrichment knows but search does not would find only articles writing it the same way.
    /// </summary>
    [Fact]
    public void Search_looks_for_every_acronym_of_the_lexicon_under_its_expansion_too()
    {
        foreach (var (acronym, expansion) in VietnameseLexicon.Acronyms)
        {
            var forms = QueryPlan.Read(acronym).Words.Single().Forms.Select(f => string.Join(' ', f)).ToList();
            var expanded = string.Join(' ', QueryPlan.Read(expansion).Words.SelectMany(w => w.Forms[0]));
            Assert.True(forms.Contains(expanded) || forms.Any(f => expanded.Contains(f)),
                $"{acronym} is looked for as {string.Join(" | ", forms)}, not as {VietnameseText.Fold(expansion)}: add it to name-spellings.json");
        }
    }
}
