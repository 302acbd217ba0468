using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Storage;
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
    ];

    private sealed record Pending(DocumentRecord Record, TaskCompletionSource<string> Written);

    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _writer;

    /// <summary>Reads what the store holds into the statistics and the story index.</summary>
    public async Task LoadAsync(CorpusStatistics corpus, StoryIndex stories, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
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
        logger.LogInformation("Corpus loaded: {Documents} documents, {Terms} terms, {Stories} fingerprints", documents, corpus.Vocabulary, stories.Count);
    }

    /// <summary>
    /// Completes once the record is in the store, with the article's story as settled there: the record's own, unless
    /// an exact copy of its text was written down first under another (by another replica, or before a restart).
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
                var stories = await WriteAsync(batch.Select(p => p.Record).ToList(), stopping);
                lock (_gate) _queue.RemoveRange(0, batch.Count);
                foreach (var pending in batch) pending.Written.TrySetResult(stories.GetValueOrDefault(pending.Record.CopyKey, pending.Record.StoryId));
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

    /// <returns>The story settled for each copy key of <paramref name="records"/>.</returns>
    private async Task<Dictionary<ulong, string>> WriteAsync(IReadOnlyList<DocumentRecord> records, CancellationToken ct)
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
        var stories = await SettleStoriesAsync(connection, tx, records, postgres, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment_documents (article_id, counted, category, fingerprint, story_id)
            VALUES (@ArticleId, @Counted, @Category, @Fingerprint, @StoryId) ON CONFLICT (article_id) DO NOTHING
            """, records.OrderBy(r => r.ArticleId, StringComparer.Ordinal).Select(r => new
            {
                r.ArticleId, Counted = r.Contribution is null ? 0 : 1, r.Contribution?.Category,
                r.Fingerprint, StoryId = stories[r.CopyKey],
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
        return stories;
    }

    /// <summary>
    /// Writes down the story of each text not seen before and reads back the story of each: the first writer's. A
    /// replica writing the same text at the same moment waits on the key's row until this one commits.
    /// </summary>
    private static async Task<Dictionary<ulong, string>> SettleStoriesAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, IReadOnlyList<DocumentRecord> records, bool postgres, CancellationToken ct)
    {
        var proposed = records.GroupBy(r => r.CopyKey).Select(g => (Key: unchecked((long)g.Key), g.First().StoryId)).ToList();
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
