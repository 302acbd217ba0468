using ContentPipeline.Contracts;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>The Lucene document layout: one document per article id, either the article or its tombstone.</summary>
internal static class LuceneFields
{
    public const string Id = "id", IdSort = "id_sort", Kind = "kind", Version = "version";
    public const string Title = "title", TitleFolded = "title_folded", TitleDisplay = "title_display";
    public const string Lead = "lead", LeadFolded = "lead_folded", LeadDisplay = "lead_display";
    public const string Body = "body", BodyFolded = "body_folded", Keywords = "keywords", Acronyms = "acronyms";
    public const string Category = "category", CategoryFacet = "category_facet";
    public const string Published = "published", Url = "url", Story = "story";
    public const string ArticleKind = "article", TombstoneKind = "tombstone";

    /// <summary>Folded fields keep term vectors: MoreLikeThis reads an article's terms from them.</summary>
    private static readonly FieldType FoldedText = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { StoreTermVectors = true });

    public static bool IsFolded(string field) => field.EndsWith("_folded", StringComparison.Ordinal) || field is Keywords or Acronyms;

    public static Document Article(string id, long version, EnrichedArticle article)
    {
        var doc = Identity(id, version, ArticleKind);
        AddText(doc, Title, TitleFolded, article.NormalizedTitle);
        AddText(doc, Lead, LeadFolded, article.NormalizedLead);
        AddText(doc, Body, BodyFolded, article.NormalizedBody);
        doc.Add(new Field(Keywords, string.Join(' ', article.Keywords.Select(k => k.Term)), FoldedText));
        doc.Add(new TextField(Acronyms, SearchText.Acronyms(article), Field.Store.NO));

        doc.Add(new StoredField(TitleDisplay, Display(article.Content.Title)));
        if (!string.IsNullOrEmpty(article.Content.Lead)) doc.Add(new StoredField(LeadDisplay, Display(article.Content.Lead)));
        if (!string.IsNullOrEmpty(article.Content.Url)) doc.Add(new StoredField(Url, article.Content.Url));
        if (!string.IsNullOrEmpty(article.Category))
        {
            doc.Add(new StringField(Category, article.Category, Field.Store.YES));
            doc.Add(new SortedDocValuesField(CategoryFacet, new BytesRef(article.Category)));
        }
        var published = article.Content.PublishedAt?.ToUnixTimeMilliseconds() ?? 0;
        doc.Add(new Int64Field(Published, published, Field.Store.YES));
        doc.Add(new NumericDocValuesField(Published, published));
        doc.Add(new StringField(Story, article.StoryId, Field.Store.YES));
        return doc;
    }

    public static Document Tombstone(string id, long version) => Identity(id, version, TombstoneKind);

    public static IndexedArticle ToArticle(Document doc)
    {
        var published = doc.GetField(Published)?.GetInt64Value() ?? 0;
        return new IndexedArticle(
            doc.Get(Id),
            doc.GetField(Version).GetInt64Value() ?? 0,
            doc.Get(TitleDisplay),
            doc.Get(LeadDisplay),
            doc.Get(Url),
            doc.Get(Category),
            published == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(published),
            doc.Get(Story));
    }

    private static Document Identity(string id, long version, string kind) =>
    [
        new StringField(Id, id, Field.Store.YES),
        new SortedDocValuesField(IdSort, new BytesRef(id)),
        new StringField(Kind, kind, Field.Store.NO),
        new StoredField(Version, version),
    ];

    private static void AddText(Document doc, string accentedField, string foldedField, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        doc.Add(new TextField(accentedField, text, Field.Store.NO));
        doc.Add(new Field(foldedField, text, FoldedText));
    }

    private static string Display(string text) => text.Normalize(System.Text.NormalizationForm.FormC);

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }
}
