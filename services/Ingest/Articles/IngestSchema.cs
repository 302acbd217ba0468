using ContentPipeline.ServiceDefaults.Storage;

namespace ContentPipeline.Ingest.Articles;

/// <summary>Ingest's tables. Times are Unix milliseconds and flags integers, so one SQL text serves SQLite and PostgreSQL.</summary>
public static class IngestSchema
{
    public static readonly Migration[] Migrations =
    [
        new(1, "articles and outbox", db => $"""
            CREATE TABLE ingest_articles (
                id TEXT PRIMARY KEY,
                version BIGINT NOT NULL,
                content_hash TEXT NOT NULL,
                content TEXT NOT NULL,
                withdrawn INTEGER NOT NULL DEFAULT 0,
                stage INTEGER NOT NULL,
                enrichment TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE TABLE ingest_outbox (
                seq {db.IdentityColumn},
                article_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                message_type TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                published_at BIGINT NULL
            );
            CREATE INDEX ix_ingest_outbox_unpublished ON ingest_outbox (seq) WHERE published_at IS NULL;
            """),
    ];
}
