using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Storage;
using System.Data.Common;
using Dapper;

namespace ContentPipeline.Enrichment.Corpus;

/// <summary>One article's place in the corpus as written down: its story, and what it added to the statistics.</summary>
/// <remarks>
/// <paramref name="Fingerprint"/> is the story signature as <see cref="StoryIndex.Encode"/> writes it (empty for too
/// little text); <paramref name="CopyKey"/> what exact copies share (<see cref="StoryIndex.CopyKey"/>).
/// </remarks>
public sealed record DocumentRecord(string ArticleId, string Fingerprint, string StoryId, CorpusContribution? Contribution, ulong CopyKey);

/// <summary>
/// Keeps the corpus statistics and story fingerprints in enrichment's store, so a restart (or a second replica) starts
/// from what the corpus already taught. Writes are group-committed: every article waits until the batch holding it
/// is written, so nothing is announced that could be forgotten, yet many articles share one transaction.
/// </summary>
public sealed class CorpusStore(Database database, ILogger<CorpusStore> logger) : IAsyncDisposable
{
    public static readonly Migration[] Migrations =
    [
        new(2, "corpus statistics and story fingerprints", _ => """
            CREATE TABLE enrichment_documents (
                article_id TEXT PRIMARY KEY,
                counted INTEGER NOT NULL,
                category TEXT NULL,
                fingerprint TEXT NOT NULL,
                story_id TEXT NOT NULL
            );
            CREATE TABLE enrichment_terms (term BIGINT PRIMARY KEY, documents BIGINT NOT NULL);
            CREATE TABLE enrichment_categories (category TEXT PRIMARY KEY, documents BIGINT NOT NULL, tokens BIGINT NOT NULL);
            CREATE TABLE enrichment_category_terms (category TEXT NOT NULL, term BIGINT NOT NULL, occurrences BIGINT NOT NULL, PRIMARY KEY (category, term));
            """),
        // Replicas each keep their own story index: the first to write a text down names the story of its copies.
        new(3, "the story of each exact text", _ => "CREATE TABLE enrichment_copies (copy_key BIGINT PRIMARY KEY, story_id TEXT NOT NULL);"),
        // Replicas read what the others wrote down since they last looked (CatchUpAsync): on PostgreSQL by the
        // transaction that wrote each row (rows from before this migration were read at start); SQLite has its rowid.
        new(4, "which transaction wrote each document down", database => database.Kind == StoreKind.Postgres
            ? """
              ALTER TABLE enrichment_documents ADD COLUMN written_in xid8 NULL;
              ALTER TABLE enrichment_documents ALTER COLUMN written_in SET DEFAULT pg_current_xact_id();
              CREATE INDEX enrichment_documents_written_in ON enrichment_documents (written_in);
              """
            : "SELECT 1"),
    ];

    private sealed record Pending(DocumentRecord Record, TaskCompletionSource<string> Written);

    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _writer;

    // The replica's story index, once loaded, and how far into the store's documents it has read (one reader at a time).
    private StoryIndex? _stories;
    private long _readUpTo, _lastReadStarted;
    private readonly SemaphoreSlim _reading = new(1, 1);

    /// <summary>Reads what the store holds into the statistics and the story index.</summary>
    public async Task LoadAsync(CorpusStatistics corpus, StoryIndex stories, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var readUpTo = await HorizonAsync(connection, null, ct);
        var counted = new List<string>();
        var documents = 0;
        foreach (var row in await connection.QueryAsync<(string ArticleId, long Counted, string Fingerprint, string StoryId)>(new CommandDefinition(
            "SELECT article_id, counted, fingerprint, story_id FROM enrichment_documents", cancellationToken: ct)))
        {
            stories.Add(row.ArticleId, StoryIndex.Decode(row.Fingerprint), row.StoryId);
            if (row.Counted == 0) continue;
            counted.Add(row.ArticleId);
            documents++;
        }
        foreach (var (copyKey, storyId) in await connection.QueryAsync<(long CopyKey, string StoryId)>(new CommandDefinition(
            "SELECT copy_key, story_id FROM enrichment_copies", cancellationToken: ct)))
            stories.AddCopy(unchecked((ulong)copyKey), storyId);
        var terms = await connection.QueryAsync<(long Term, long Documents)>(new CommandDefinition("SELECT term, documents FROM enrichment_terms", cancellationToken: ct));
        var categories = await connection.QueryAsync<(string Category, long Documents, long Tokens)>(new CommandDefinition(
            "SELECT category, documents, tokens FROM enrichment_categories", cancellationToken: ct));
        var categoryTerms = await connection.QueryAsync<(string Category, long Term, long Occurrences)>(new CommandDefinition(
            "SELECT category, term, occurrences FROM enrichment_category_terms", cancellationToken: ct));
        corpus.Load(documents,
            terms.Select(t => (unchecked((ulong)t.Term), (int)t.Documents)),
            categories.Select(c => (c.Category, (int)c.Documents, c.Tokens)),
            categoryTerms.Select(c => (c.Category, unchecked((ulong)c.Term), (int)c.Occurrences)),
            counted);
        (_stories, _readUpTo) = (stories, readUpTo);
        logger.LogInformation("Corpus loaded: {Documents} documents, {Terms} terms, {Stories} fingerprints", documents, corpus.Vocabulary, stories.Count);
    }

    /// <summary>
    /// Completes once the record is in the store, with the article's story as settled there: the record's own, unless
    /// the store already holds the article (an earlier version, perhaps enriched by another replica), an exact copy of
    /// its text was written down first under another story, or, for an article new here, another replica wrote down a
    /// near copy since this one last looked. The replica's story index learns the outcome.
    /// </summary>
    public Task<string> SaveAsync(DocumentRecord record, CancellationToken ct)
    {
        var pending = new Pending(record, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _queue.Add(pending);
            _writer ??= Task.Run(WriteLoopAsync);
        }
        _signal.Release();
        return pending.Written.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try { await _signal.WaitAsync(stopping); }
            catch (OperationCanceledException) { break; }
            List<Pending> batch;
            lock (_gate) batch = [.. _queue];
            if (batch.Count == 0) continue;
            try
            {
                // The look at what others wrote is taken before the transaction, not in it: a SQLite transaction holds
                // the file's one write lock from its start, and every other writer (a consumer recording a version)
                // sleeps on a pool thread until it ends. Had the batch waited inside it for a look in progress, what
                // resumes it would have queued for a pool thread behind them: the embedded host stood still for the
                // 30 s of SQLite's busy timeout.
                Dictionary<string, string> stories;
                await _reading.WaitAsync(stopping);
                try
                {
                    stories = await WriteAsync(batch.Select(p => p.Record).ToList(), stopping);
                }
                finally
                {
                    _reading.Release();
                }
                lock (_gate) _queue.RemoveRange(0, batch.Count);
                foreach (var pending in batch) pending.Written.TrySetResult(stories[pending.Record.ArticleId]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The records stay queued and go with the next batch; their consumers fail now and are retried.
                logger.LogWarning(ex, "Writing {Count} corpus records failed; they stay queued", batch.Count);
                foreach (var pending in batch) pending.Written.TrySetException(ex);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stopping); }
                catch (OperationCanceledException) { break; }
                _signal.Release();
            }
        }
    }

    /// <returns>The story settled for each article of <paramref name="records"/>.</returns>
    /// <remarks>The caller holds the look (<c>_reading</c>): <see cref="ProposeStoriesAsync"/> looks again inside the transaction.</remarks>
    private async Task<Dictionary<string, string>> WriteAsync(IReadOnlyList<DocumentRecord> records, CancellationToken ct)
    {
        var contributions = records.Select(r => r.Contribution).OfType<CorpusContribution>().ToList();
        var termDeltas = new Dictionary<long, long>();
        var categoryDeltas = new Dictionary<string, (long Documents, long Tokens)>(StringComparer.Ordinal);
        var categoryTermDeltas = new Dictionary<(string, long), long>();
        foreach (var contribution in contributions)
        {
            foreach (var term in contribution.Terms) termDeltas[unchecked((long)term)] = termDeltas.GetValueOrDefault(unchecked((long)term)) + 1;
            if (contribution.Category is not { } category) continue;
            var (documents, tokens) = categoryDeltas.GetValueOrDefault(category);
            categoryDeltas[category] = (documents + 1, tokens + contribution.Tokens);
            foreach (var (term, count) in contribution.CategoryTerms)
                categoryTermDeltas[(category, unchecked((long)term))] = categoryTermDeltas.GetValueOrDefault((category, unchecked((long)term))) + count;
        }

        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // PostgreSQL takes a batch as arrays in one statement (a round trip per row would be thousands); SQLite,
        // in-process, runs one prepared statement per row.
        var postgres = database.Kind == StoreKind.Postgres;
        var (proposed, stored) = await ProposeStoriesAsync(connection, tx, records, ct);
        var ofCopies = await SettleStoriesAsync(connection, tx, records, proposed, postgres, ct);
        // An article the store holds stays in its story, as a new version does in one replica's index.
        var stories = records.DistinctBy(r => r.ArticleId).ToDictionary(
            r => r.ArticleId, r => stored.Contains(r.ArticleId) ? proposed[r.ArticleId] : ofCopies[r.CopyKey], StringComparer.Ordinal);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment_documents (article_id, counted, category, fingerprint, story_id)
            VALUES (@ArticleId, @Counted, @Category, @Fingerprint, @StoryId) ON CONFLICT (article_id) DO NOTHING
            """, records.OrderBy(r => r.ArticleId, StringComparer.Ordinal).Select(r => new
            {
                r.ArticleId, Counted = r.Contribution is null ? 0 : 1, r.Contribution?.Category,
                r.Fingerprint, StoryId = stories[r.ArticleId],
            }), tx, cancellationToken: ct));
        // Every statement adds its deltas to the stored totals. On PostgreSQL every statement here writes in key order
        // (ORDER BY): two replicas writing the same rows at once then take their locks in one order, and one waits for
        // the other where, each in the order its articles brought the words, they deadlocked. SQLite has one writer.
        await connection.ExecuteAsync(new CommandDefinition(
            (postgres ? "INSERT INTO enrichment_terms (term, documents) SELECT * FROM unnest(@Terms, @Documents) AS d(term, documents) ORDER BY term"
                      : "INSERT INTO enrichment_terms (term, documents) VALUES (@Term, @Documents)")
            + " ON CONFLICT (term) DO UPDATE SET documents = enrichment_terms.documents + excluded.documents",
            postgres ? (object)new { Terms = termDeltas.Keys.ToArray(), Documents = termDeltas.Values.ToArray() }
                     : termDeltas.Select(d => new { Term = d.Key, Documents = d.Value }),
            tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            (postgres ? "INSERT INTO enrichment_categories (category, documents, tokens) SELECT * FROM unnest(@Categories, @Documents, @Tokens) AS d(category, documents, tokens) ORDER BY category COLLATE \"C\""
                      : "INSERT INTO enrichment_categories (category, documents, tokens) VALUES (@Category, @Documents, @Tokens)")
            + " ON CONFLICT (category) DO UPDATE SET documents = enrichment_categories.documents + excluded.documents, tokens = enrichment_categories.tokens + excluded.tokens",
            postgres ? (object)new { Categories = categoryDeltas.Keys.ToArray(), Documents = categoryDeltas.Values.Select(v => v.Documents).ToArray(), Tokens = categoryDeltas.Values.Select(v => v.Tokens).ToArray() }
                     : categoryDeltas.Select(d => new { Category = d.Key, d.Value.Documents, d.Value.Tokens }),
            tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            (postgres ? "INSERT INTO enrichment_category_terms (category, term, occurrences) SELECT * FROM unnest(@Categories, @Terms, @Occurrences) AS d(category, term, occurrences) ORDER BY category COLLATE \"C\", term"
                      : "INSERT INTO enrichment_category_terms (category, term, occurrences) VALUES (@Category, @Term, @Occurrences)")
            + " ON CONFLICT (category, term) DO UPDATE SET occurrences = enrichment_category_terms.occurrences + excluded.occurrences",
            postgres ? (object)new { Categories = categoryTermDeltas.Keys.Select(k => k.Item1).ToArray(), Terms = categoryTermDeltas.Keys.Select(k => k.Item2).ToArray(), Occurrences = categoryTermDeltas.Values.ToArray() }
                     : categoryTermDeltas.Select(d => new { Category = d.Key.Item1, Term = d.Key.Item2, Occurrences = d.Value }),
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        foreach (var record in records)
            if (stories[record.ArticleId] != record.StoryId) _stories?.Settle(record.ArticleId, record.CopyKey, stories[record.ArticleId]);
        return stories;
    }

    /// <summary>
    /// Teaches the replica's story index what other replicas wrote down since it last looked, so that an article
    /// enriched next finds the stories they started: a replica's index otherwise knew only what the store held at its
    /// start and what it enriched itself. Callers arriving together share one read.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        if (_stories is null) return;
        var asked = System.Diagnostics.Stopwatch.GetTimestamp();
        await _reading.WaitAsync(ct);
        try
        {
            // A read that began after this caller asked has seen all it would.
            if (_lastReadStarted > asked) return;
            await using var connection = await database.OpenAsync(ct);
            await LearnAsync(connection, null, ct);
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// Catches up once more inside the batch's transaction (another replica may have written down what this batch holds
    /// while it was enriched), then proposes each record's story: the one the store holds for its article (a new
    /// version stays in its story, wherever the first was enriched), else, for an article new to this replica that
    /// started a story of its own, that of a near copy learnt of only now. The caller holds the look (<c>_reading</c>).
    /// </summary>
    /// <returns>The story proposed for each article, and the articles the store already held.</returns>
    private async Task<(Dictionary<string, string> Proposed, HashSet<string> Stored)> ProposeStoriesAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<DocumentRecord> records, CancellationToken ct)
    {
        var proposed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records) proposed[record.ArticleId] = record.StoryId;
        var stored = new HashSet<string>(StringComparer.Ordinal);
        // A store only written to (never loaded) has no index to keep up to date.
        if (_stories is not { } stories) return (proposed, stored);

        foreach (var (articleId, storyId) in await LearnAsync(connection, tx, ct))
        {
            if (!proposed.ContainsKey(articleId)) continue;
            proposed[articleId] = storyId;
            stored.Add(articleId);
        }
        // A null contribution: the replica counted the article before, so its index already knew it.
        foreach (var record in records.Where(r => r.Contribution is not null && !stored.Contains(r.ArticleId) && proposed[r.ArticleId] == r.ArticleId))
            if (StoryIndex.Decode(record.Fingerprint) is { } signature && stories.MostSimilarOther(record.ArticleId, signature) is { } story)
                proposed[record.ArticleId] = story;
        return (proposed, stored);
    }

    /// <summary>Reads the documents written down since the last look into the story index.</summary>
    /// <returns>Each document read, with its story (those the index knew already included).</returns>
    private async Task<List<(string ArticleId, string StoryId)>> LearnAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var horizon = await HorizonAsync(connection, tx, ct);
        var read = new List<(string, string)>();
        foreach (var (articleId, fingerprint, storyId) in await WrittenSinceAsync(connection, tx, _readUpTo, ct))
        {
            _stories!.Add(articleId, StoryIndex.Decode(fingerprint), storyId);
            read.Add((articleId, storyId));
        }
        _readUpTo = horizon;
        _lastReadStarted = started;
        return read;
    }

    /// <summary>
    /// Where the store's documents stand: what is written down from here on is read by the next look. On PostgreSQL,
    /// every transaction older than the oldest one still running has ended, so what it wrote is visible.
    /// </summary>
    private Task<long> HorizonAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Kind == StoreKind.Postgres
            ? "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
            : "SELECT coalesce(max(rowid), 0) FROM enrichment_documents", transaction: tx, cancellationToken: ct));

    /// <summary>Documents written down from <paramref name="horizon"/> on (on PostgreSQL some before it too, read again).</summary>
    private Task<IEnumerable<(string ArticleId, string Fingerprint, string StoryId)>> WrittenSinceAsync(
        DbConnection connection, DbTransaction? tx, long horizon, CancellationToken ct) =>
        connection.QueryAsync<(string, string, string)>(new CommandDefinition(database.Kind == StoreKind.Postgres
            ? "SELECT article_id, fingerprint, story_id FROM enrichment_documents WHERE written_in >= (@Horizon)::text::xid8"
            : "SELECT article_id, fingerprint, story_id FROM enrichment_documents WHERE rowid > @Horizon",
            new { Horizon = horizon }, tx, cancellationToken: ct));

    /// <summary>
    /// Writes down the story of each text not seen before and reads back the story of each: the first writer's. A
    /// replica writing the same text at the same moment waits on the key's row until this one commits.
    /// </summary>
    /// <returns>The story settled for each copy key of <paramref name="records"/>.</returns>
    private static async Task<Dictionary<ulong, string>> SettleStoriesAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<DocumentRecord> records, Dictionary<string, string> stories, bool postgres, CancellationToken ct)
    {
        var proposed = records.GroupBy(r => r.CopyKey).Select(g => (Key: unchecked((long)g.Key), StoryId: stories[g.First().ArticleId])).ToList();
        const string insert = " ON CONFLICT (copy_key) DO NOTHING";
        IEnumerable<(long CopyKey, string StoryId)> settled;
        if (postgres)
        {
            var keys = proposed.Select(p => p.Key).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO enrichment_copies (copy_key, story_id) SELECT * FROM unnest(@Keys, @Stories) AS d(copy_key, story_id) ORDER BY copy_key" + insert,
                new { Keys = keys, Stories = proposed.Select(p => p.StoryId).ToArray() }, tx, cancellationToken: ct));
            settled = await connection.QueryAsync<(long, string)>(new CommandDefinition(
                "SELECT copy_key, story_id FROM enrichment_copies WHERE copy_key = ANY(@Keys)", new { Keys = keys }, tx, cancellationToken: ct));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("INSERT INTO enrichment_copies (copy_key, story_id) VALUES (@Key, @StoryId)" + insert,
                proposed.Select(p => new { p.Key, p.StoryId }), tx, cancellationToken: ct));
            var read = new List<(long, string)>(proposed.Count);
            foreach (var (key, _) in proposed)
                read.Add(await connection.QuerySingleAsync<(long, string)>(new CommandDefinition(
                    "SELECT copy_key, story_id FROM enrichment_copies WHERE copy_key = @Key", new { Key = key }, tx, cancellationToken: ct)));
            settled = read;
        }
        return settled.ToDictionary(s => unchecked((ulong)s.CopyKey), s => s.StoryId);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_writer is not null) await _writer;
        _stopping.Dispose();
        _signal.Dispose();
    }
}
