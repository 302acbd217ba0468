using ContentPipeline.Contracts;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>The Lucene document layout: one document per article id, either the article or its tombstone.</summary>
internal static class LuceneFields
{
    public const string Id = "id", IdSort = "id_sort", Kind = "kind", Version = "version";
    public const string Title = "title", TitleFolded = "title_folded", TitleDisplay = "title_display";
    /// <summary>The lead with its accents; "text_folded" holds title, lead, body and keywords accent-free.</summary>
    public const string Lead = "lead", LeadDisplay = "lead_display", TextFolded = "text_folded";
    /// <summary>The normalised body, stored only: related reads an article's words back after a restart.</summary>
    public const string Body = "body";
    /// <summary>Adjacent syllable pairs of title, lead and body, folded ("ha noi"): a pair is far rarer than its syllables.</summary>
    public const string Pairs = "pairs";
    public const string Acronyms = "acronyms";
    /// <summary>The article's heaviest keywords, one a line: part of its <see cref="ArticleWords"/>.</summary>
    public const string KeywordList = "keyword_list";
    public const string Category = "category", CategoryFacet = "category_facet";
    public const string Published = "published", Url = "url", Story = "story", Linked = "linked", Entities = "entities";
    /// <summary>Stored only; documents written before images were kept have none, which reads as no image.</summary>
    public const string Image = "image", ImageAlt = "image_alt";
    public const string ArticleKind = "article", TombstoneKind = "tombstone";

    /// <summary>Names the fields below; a change to them that old documents do not have raises it.</summary>
    public const string Layout = "2", LayoutKey = "contentpipeline.layout";

    public static Document Article(string id, long version, EnrichedArticle article, IndexPurpose purpose)
    {
        var doc = Identity(id, version, ArticleKind);
        var title = article.NormalizedTitle;
        if (purpose == IndexPurpose.Search)
        {
            // Fewer, larger fields keep a query to a few term lookups per word: on Lucene.NET those, not scoring, cost
            // most. Exact accents count in title and lead only: a body's postings are long, and every field a query
            // word visits there costs time on each match.
            var text = Join(article.NormalizedLead, article.NormalizedBody);
            var keywords = string.Join(' ', article.Keywords.Select(k => k.Term));
            doc.Add(new TextField(Title, title, Field.Store.YES));
            doc.Add(new TextField(TitleFolded, title, Field.Store.NO));
            doc.Add(new TextField(Lead, article.NormalizedLead, Field.Store.YES));
            doc.Add(new TextField(TextFolded, Join(title, text, keywords), Field.Store.NO));
            doc.Add(new TextField(Pairs, Join(title, text), Field.Store.NO));
            doc.Add(new TextField(Acronyms, SearchText.Acronyms(article), Field.Store.NO));
        }
        else
        {
            // Analysing the text was most of what writing cost, for queries a lookup index never gets.
            doc.Add(new StoredField(Title, title));
            doc.Add(new StoredField(Lead, article.NormalizedLead));
        }
        doc.Add(new StoredField(Body, article.NormalizedBody));
        doc.Add(new StoredField(KeywordList, string.Join('\n', ArticleWords.Of(article).Keywords)));

        // What searches and blocks show of it, exactly as IndexedArticle.Of says the index returns it.
        var shown = IndexedArticle.Of(id, version, article);
        doc.Add(new StoredField(TitleDisplay, shown.Title));
        if (shown.Lead is not null) doc.Add(new StoredField(LeadDisplay, shown.Lead));
        if (!string.IsNullOrEmpty(shown.Url)) doc.Add(new StoredField(Url, shown.Url));
        if (shown.ImageUrl is not null) doc.Add(new StoredField(Image, shown.ImageUrl));
        if (shown.ImageAlt is not null) doc.Add(new StoredField(ImageAlt, shown.ImageAlt));
        if (!string.IsNullOrEmpty(shown.Category))
        {
            doc.Add(new StringField(Category, shown.Category, Field.Store.YES));
            doc.Add(new SortedDocValuesField(CategoryFacet, new BytesRef(shown.Category)));
        }
        var published = shown.PublishedAt?.ToUnixTimeMilliseconds() ?? 0;
        doc.Add(new Int64Field(Published, published, Field.Store.YES));
        doc.Add(new NumericDocValuesField(Published, published));
        doc.Add(new StringField(Story, shown.StoryId, Field.Store.YES));
        if (shown.LinkedArticleIds.Count > 0) doc.Add(new StoredField(Linked, string.Join('\n', shown.LinkedArticleIds)));
        if (shown.Entities.Count > 0) doc.Add(new StoredField(Entities, string.Join('\n', shown.Entities)));
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
            doc.Get(Story))
        {
            LinkedArticleIds = doc.Get(Linked)?.Split('\n') ?? [],
            Entities = doc.Get(Entities)?.Split('\n') ?? [],
            ImageUrl = doc.Get(Image),
            ImageAlt = doc.Get(ImageAlt),
        };
    }

    public static ArticleWords ToWords(Document doc) => new(
        doc.Get(Title) ?? "",
        doc.Get(Lead) ?? "",
        doc.Get(Body) ?? "",
        // Documents written before keywords lost their weights hold "term\tweight" lines; an article without keywords, none.
        doc.Get(KeywordList)?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[0]).ToList() ?? []);

    private static Document Identity(string id, long version, string kind) =>
    [
        new StringField(Id, id, Field.Store.YES),
        new SortedDocValuesField(IdSort, new BytesRef(id)),
        new StringField(Kind, kind, Field.Store.NO),
        new StoredField(Version, version),
        // Also as a doc value, which a write's version check reads without decompressing stored fields (kept on disk,
        // see InMemoryReads); documents written before it have none, and their stored field is read instead.
        new NumericDocValuesField(Version, version),
    ];

    private static string Join(params string?[] parts) => string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
