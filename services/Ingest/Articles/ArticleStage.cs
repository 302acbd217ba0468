namespace ContentPipeline.Ingest.Articles;

/// <summary>How far an article's current version has travelled down the pipeline. Stored as its number.</summary>
public enum ArticleStage
{
    Submitted = 1,
    Enriched = 2,
    Indexed = 3,
    Recommended = 4,
}
