using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.Search.Queries;

namespace ContentPipeline.Search.Elasticsearch;

/// <summary>
/// The JSON bodies the Elasticsearch adapter sends. Kept apart from the HTTP calls so their shape is tested
/// without a cluster. Text arrives already normalised by enrichment (NFC, canonical tone marks); the index
/// adds lower-casing and, in the ".folded" sub-fields, accent folding.
/// </summary>
public static class ElasticsearchRequests
{
    // Not "acronyms": an acronym's expansion is one of the word's forms (QueryPlan), as on Lucene.
    private static readonly string[] FoldedFields = ["title.folded^3", "lead.folded^1.5", "body.folded", "keywords"];

    /// <summary>The versioned index behind <paramref name="alias"/>: its settings, mappings and the alias itself.</summary>
    public static JsonObject IndexDefinition(string alias) => new()
    {
        ["settings"] = Settings(),
        ["mappings"] = Mappings(),
        ["aliases"] = new JsonObject { [alias] = new JsonObject() },
    };

    /// <summary>
    /// The index template for every version of the index behind <paramref name="alias"/> ("{alias}-v1", "-v2", …), as
    /// Elastic advises: a rebuilt index gets the same settings and mappings, and the alias moves to it when it is
    /// ready. Also shipped as a file in deploy/elasticsearch/ for operators; a test keeps the two equal.
    /// </summary>
    public static JsonObject IndexTemplate(string alias) => new()
    {
        ["index_patterns"] = new JsonArray($"{alias}-v*"),
        ["priority"] = 200,
        ["template"] = new JsonObject { ["settings"] = Settings(), ["mappings"] = Mappings() },
        ["_meta"] = new JsonObject { ["description"] = $"ContentPipeline articles behind the alias {alias}; written by ElasticsearchRequests.IndexTemplate." },
    };

    private static JsonObject Settings() => new JsonObject
    {
        ["index"] = new JsonObject { ["refresh_interval"] = "1s", ["number_of_replicas"] = 0 },
        ["analysis"] = new JsonObject
        {
            ["analyzer"] = new JsonObject
            {
                ["vi_accented"] = new JsonObject { ["char_filter"] = new JsonArray("dotted_words"), ["tokenizer"] = "standard", ["filter"] = new JsonArray("lowercase") },
                ["vi_folded"] = new JsonObject { ["char_filter"] = new JsonArray("dotted_words"), ["tokenizer"] = "standard", ["filter"] = new JsonArray("lowercase", "asciifolding") },
            },
            // "TP.HCM", "C.Ronaldo": a dot between letters separates words, as VietnameseAnalyzer does for Lucene.
            ["char_filter"] = new JsonObject
            {
                ["dotted_words"] = new JsonObject { ["type"] = "pattern_replace", ["pattern"] = LuceneEngine.VietnameseAnalyzer.DottedWords, ["replacement"] = " " },
            },
        },
    };

    /// <summary>The mappings; also what is put on an existing index to add the fields it lacks.</summary>
    public static JsonObject Mappings() => new JsonObject
    {
        ["dynamic"] = "strict",
        ["properties"] = new JsonObject
        {
            ["id"] = Keyword(),
            ["version"] = new JsonObject { ["type"] = "long" },
            ["kind"] = Keyword(),
            ["title"] = Text(),
            ["lead"] = Text(),
            ["body"] = Text(),
            ["keywords"] = new JsonObject { ["type"] = "text", ["analyzer"] = "vi_folded" },
            ["acronyms"] = new JsonObject { ["type"] = "text", ["analyzer"] = "vi_folded" },
            ["title_display"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["lead_display"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["url"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
            ["image"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["image_alt"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["category"] = Keyword(),
            ["published"] = new JsonObject { ["type"] = "date", ["format"] = "epoch_millis" },
            ["story"] = Keyword(),
            ["linked"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["entities"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
        },
    };

    public static JsonObject ArticleDocument(string id, long version, EnrichedArticle article)
    {
        // What searches and blocks show of it, exactly as IndexedArticle.Of says the index returns it.
        var shown = IndexedArticle.Of(id, version, article);
        return new JsonObject
        {
            ["id"] = id,
            ["version"] = version,
            ["kind"] = "article",
            ["title"] = article.NormalizedTitle,
            ["lead"] = article.NormalizedLead,
            ["body"] = article.NormalizedBody,
            ["keywords"] = Array(article.Keywords.Select(k => k.Term)),
            ["acronyms"] = SearchText.Acronyms(article),
            ["title_display"] = shown.Title,
            ["lead_display"] = shown.Lead,
            ["url"] = shown.Url,
            ["image"] = shown.ImageUrl,
            ["image_alt"] = shown.ImageAlt,
            ["category"] = shown.Category,
            ["published"] = shown.PublishedAt?.ToUnixTimeMilliseconds() ?? 0,
            ["story"] = shown.StoryId,
            ["linked"] = Array(shown.LinkedArticleIds),
            ["entities"] = Array(shown.Entities),
        };
    }

    /// <summary>
    /// A _bulk body (NDJSON): per write an action line naming the document and its external version, then the
    /// document. The index is the alias, which points at one index.
    /// </summary>
    public static string Bulk(string index, IEnumerable<BulkWrite> writes)
    {
        var body = new System.Text.StringBuilder();
        foreach (var write in writes)
        {
            var action = new JsonObject
            {
                ["index"] = new JsonObject { ["_index"] = index, ["_id"] = write.Id, ["version"] = write.Version, ["version_type"] = "external" },
            };
            body.Append(action.ToJsonString()).Append('\n').Append(write.Document.ToJsonString()).Append('\n');
        }
        return body.ToString();
    }

    /// <summary>The items of a _bulk response, in the order of the request.</summary>
    public static IReadOnlyList<BulkItemResult> BulkItems(JsonNode response) =>
        response["items"]!.AsArray().Select(item =>
        {
            var result = item!.AsObject().First().Value!;
            var error = result["error"];
            return new BulkItemResult(result["status"]!.GetValue<int>(),
                error is null ? null : $"{error["type"]?.GetValue<string>()}: {error["reason"]?.GetValue<string>()}");
        }).ToList();

    public static JsonObject TombstoneDocument(string id, long version) => new() { ["id"] = id, ["version"] = version, ["kind"] = "tombstone" };

    /// <summary>
    /// Every word required, all but one from four words on (<see cref="SearchRelaxation"/>), folded, in any text field,
    /// in any of its forms (<see cref="QueryPlan"/>); an article holding every word as typed (near one another in one
    /// field) scores a constant of <see cref="SearchRelaxation.FullMatchBoost"/> above the rest;
    /// each accented syllable found exactly in title or lead adds <see cref="SearchRelaxation.ExactAccentBoost"/>;
    /// phrases score higher. With <paramref name="typos"/> (up to three words), one long word may have one letter wrong.
    /// </summary>
    public static JsonObject Search(SearchQuery query, QueryPlan plan, PageCursor? after, bool typos = false)
    {
        var filters = Filters(category: null, query.From, query.To);
        JsonNode main;
        if (plan.IsEmpty)
        {
            main = new JsonObject { ["bool"] = new JsonObject { ["must"] = new JsonObject { ["match_all"] = new JsonObject() }, ["filter"] = filters } };
        }
        else
        {
            var should = new JsonArray(plan.Readings.Select(reading => string.Join(' ', reading))
                .SelectMany(text => new[] { Phrase("title.folded", text, 4), Phrase("lead.folded", text, 2), Phrase("body.folded", text, 1.5) }).ToArray());
            foreach (var word in plan.Words) should.Add(OneOf(word.FormsWhen(typos).Select(form => In(form, ["title.folded^2"]))));
            foreach (var syllable in plan.AccentedSyllables) should.Add(ExactAccent(syllable, "title", "lead"));
            var count = plan.Words.Count;
            var must = new JsonArray(plan.Words.Select(w => Word(w, typos)).ToArray());
            if (SearchRelaxation.MissingOneAllowed(count))
                must = new JsonArray(new JsonObject
                {
                    ["bool"] = new JsonObject { ["should"] = must, ["minimum_should_match"] = SearchRelaxation.WordsRequired(count) },
                });
            // One word with a letter wrong, not several: every other word as typed.
            if (typos && count > 1)
                filters.Add(new JsonObject
                {
                    ["bool"] = new JsonObject { ["should"] = new JsonArray(plan.Words.Select(w => Word(w, typos: false)).ToArray()), ["minimum_should_match"] = count - 1 },
                });
            if (count > 1 || typos)
                should.Add(new JsonObject { ["constant_score"] = new JsonObject { ["filter"] = FullMatch(plan), ["boost"] = SearchRelaxation.FullMatchBoost } });
            main = new JsonObject { ["bool"] = new JsonObject { ["must"] = must, ["should"] = should, ["filter"] = filters } };
        }

        var newest = query.Sort == SearchSort.Newest || plan.IsEmpty;
        var body = new JsonObject
        {
            ["size"] = query.Size,
            ["track_total_hits"] = true,
            ["query"] = main,
            ["sort"] = newest ? NewestSort() : new JsonArray(new JsonObject { ["_score"] = "desc" }, new JsonObject { ["id"] = "asc" }),
            ["aggs"] = new JsonObject { ["categories"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "category", ["size"] = 50 } } },
            ["highlight"] = new JsonObject
            {
                ["pre_tags"] = new JsonArray("<em>"), ["post_tags"] = new JsonArray("</em>"), ["encoder"] = "html",
                ["fields"] = new JsonObject { ["title"] = new JsonObject { ["number_of_fragments"] = 0 }, ["lead"] = new JsonObject { ["number_of_fragments"] = 0 } },
            },
        };
        // The category narrows the hits but not the facet counts, so a reader can switch sections.
        if (query.Category is not null) body["post_filter"] = new JsonObject { ["term"] = new JsonObject { ["category"] = query.Category } };
        if (after is not null) body["search_after"] = newest ? new JsonArray(after.PublishedAfter(), after.Id) : new JsonArray(after.ScoreAfter(), after.Id);
        return body;
    }

    /// <summary>Every word as typed, near one another in one field when there are several.</summary>
    private static JsonObject FullMatch(QueryPlan plan)
    {
        if (plan.Words.Count == 1)
            return new JsonObject { ["bool"] = new JsonObject { ["must"] = new JsonArray(plan.Words.Select(w => Word(w, typos: false)).ToArray()) } };
        JsonObject Near(string field)
        {
            static JsonObject Term(string field, string syllable) => new() { ["span_term"] = new JsonObject { [field] = syllable } };
            var words = plan.Words.Select(word =>
            {
                var forms = word.Forms.Select(form => form.Count == 1 ? Term(field, form[0])
                    : new JsonObject { ["span_near"] = new JsonObject { ["clauses"] = new JsonArray(form.Select(s => (JsonNode)Term(field, s)).ToArray()), ["slop"] = 0, ["in_order"] = true } }).ToList();
                return (JsonNode)(forms.Count == 1 ? forms[0] : new JsonObject { ["span_or"] = new JsonObject { ["clauses"] = new JsonArray(forms.ToArray<JsonNode>()) } });
            });
            return new JsonObject
            {
                ["span_near"] = new JsonObject { ["clauses"] = new JsonArray(words.ToArray()), ["slop"] = SearchRelaxation.NearSlop(plan.Words.Count), ["in_order"] = false },
            };
        }
        return new JsonObject { ["bool"] = new JsonObject { ["should"] = new JsonArray(Near("title.folded"), Near("lead.folded"), Near("body.folded")), ["minimum_should_match"] = 1 } };
    }

    /// <summary>
    /// A query word in any folded field, in any of its forms; with <paramref name="typos"/>, a word also as the syllables
    /// it may join or spell in Telex (<see cref="QueryWord.WhenLittleFound"/>) and a long word with one letter changed, weighing less.
    /// </summary>
    private static JsonNode Word(QueryWord word, bool typos)
    {
        var forms = word.FormsWhen(typos).Select(form => In(form, FoldedFields)).ToList();
        if (typos && word.MaybeMistyped is { } typed)
            forms.Add(new JsonObject
            {
                ["multi_match"] = new JsonObject
                {
                    ["query"] = typed, ["fields"] = Array(FoldedFields), ["fuzziness"] = 1, ["prefix_length"] = 1,
                    ["boost"] = SearchRelaxation.TypoWeight,
                },
            });
        return OneOf(forms);
    }

    /// <summary>What a syllable typed with accents adds to an article holding it with exactly those in one of the fields.</summary>
    private static JsonObject ExactAccent(string syllable, params string[] fields) => new()
    {
        ["constant_score"] = new JsonObject
        {
            ["filter"] = new JsonObject { ["multi_match"] = new JsonObject { ["query"] = syllable, ["fields"] = Array(fields) } },
            ["boost"] = SearchRelaxation.ExactAccentBoost,
        },
    };

    /// <summary>One form of a word in the best of the fields: a syllable, or syllables standing together in order.</summary>
    private static JsonObject In(IReadOnlyList<string> syllables, string[] fields) => new()
    {
        ["multi_match"] = new JsonObject
        {
            ["query"] = string.Join(' ', syllables), ["fields"] = Array(fields), ["type"] = syllables.Count == 1 ? "best_fields" : "phrase", ["tie_breaker"] = 0.1,
        },
    };

    private static JsonNode OneOf(IEnumerable<JsonObject> alternatives)
    {
        var list = alternatives.ToList();
        return list.Count == 1 ? list[0] : new JsonObject { ["dis_max"] = new JsonObject { ["queries"] = new JsonArray(list.ToArray<JsonNode>()), ["tie_breaker"] = 0.1 } };
    }

    /// <summary>How many words a prefix typed last stands for, the first in the index's order, where it must follow the others.</summary>
    private const int SuggestPrefixWords = 100;

    /// <param name="accented">Syllables typed with accents before the last word: titles holding exactly those rank first.</param>
    /// <param name="typos">
    /// Where one word may have one letter wrong (<see cref="SearchRelaxation.SuggestTyposWorthTrying"/>); the first
    /// <see cref="TitlesTogether.Window"/> matches are asked for, whose titles are read for the words together.
    /// </param>
    public static JsonObject Suggest(IReadOnlyList<string> words, IReadOnlyList<string> accented, int size, SuggestTypos? typos = null)
    {
        var typedWhole = words.Take(words.Count - 1).ToList();
        static JsonObject Exact(string word) => new() { ["term"] = new JsonObject { ["title.folded"] = word } };
        var must = new JsonArray(typedWhole.Select(word => typos is { InWordTypedWhole: true } && SearchRelaxation.MayBeMistyped(word)
            ? OneOf([Exact(word), new JsonObject
            {
                ["fuzzy"] = new JsonObject
                {
                    ["title.folded"] = new JsonObject { ["value"] = word, ["fuzziness"] = 1, ["prefix_length"] = 1, ["boost"] = SearchRelaxation.TypoWeight },
                },
            }])
            : Exact(word)).ToArray());
        // The last word may still be half typed, or typed whole in another form (QueryPlan.OtherForms).
        JsonObject LastAsTyped()
        {
            var forms = new JsonArray(new JsonObject { ["prefix"] = new JsonObject { ["title.folded"] = words[^1] } });
            foreach (var form in QueryPlan.OtherForms(words[^1])) forms.Add(In(form, ["title.folded"]));
            return new JsonObject { ["bool"] = new JsonObject { ["should"] = forms, ["minimum_should_match"] = 1 } };
        }
        must.Add(typos is { InWordBeingTyped: true }
            ? new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(LastAsTyped(), new JsonObject
                    {
                        ["regexp"] = new JsonObject
                        {
                            ["title.folded"] = new JsonObject { ["value"] = SearchRelaxation.PrefixWithOneLetterWrong(words[^1]), ["boost"] = SearchRelaxation.TypoWeight },
                        },
                    }),
                    ["minimum_should_match"] = 1,
                },
            }
            : LastAsTyped());
        var filter = Filters(null, null, null);
        // One word with a letter wrong, not several.
        if (typos is not null && words.Count > 1)
            filter.Add(new JsonObject
            {
                ["bool"] = new JsonObject { ["should"] = new JsonArray([.. typedWhole.Select(Exact), LastAsTyped()]), ["minimum_should_match"] = words.Count - 1 },
            });
        var should = new JsonArray(accented.Select(syllable => (JsonNode)ExactAccent(syllable, "title")).ToArray());
        // Titles holding the words as typed together, the last still being typed, come first (the Lucene engine asks
        // that of its first matches' titles).
        if (words.Count > 1)
            should.Add(new JsonObject
            {
                ["constant_score"] = new JsonObject
                {
                    ["filter"] = new JsonObject
                    {
                        ["match_phrase_prefix"] = new JsonObject
                        {
                            ["title.folded"] = new JsonObject { ["query"] = string.Join(' ', words), ["max_expansions"] = SuggestPrefixWords },
                        },
                    },
                    ["boost"] = SearchRelaxation.FullMatchBoost,
                },
            });
        return new JsonObject
        {
            ["size"] = typos is null ? size : Math.Max(size, TitlesTogether.Window),
            ["_source"] = new JsonArray("id", "title_display"),
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["must"] = must,
                    ["should"] = should,
                    ["filter"] = filter,
                },
            },
        };
    }

    /// <summary>One page of every article, in id order, after the id <paramref name="afterId"/> ended the last.</summary>
    public static JsonObject ReadAll(string? afterId, int size)
    {
        var body = new JsonObject
        {
            ["size"] = size,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = Filters(null, null, null) } },
            ["sort"] = new JsonArray(new JsonObject { ["id"] = "asc" }),
        };
        if (afterId is not null) body["search_after"] = new JsonArray(afterId);
        return body;
    }

    public static JsonObject Newest(string? category, PageCursor? after, int size, IEnumerable<string> exclude)
    {
        var body = new JsonObject
        {
            ["size"] = size,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = Filters(category, null, null),
                    ["must_not"] = new JsonObject { ["ids"] = new JsonObject { ["values"] = Array(exclude) } },
                },
            },
            ["sort"] = NewestSort(),
        };
        if (after is not null) body["search_after"] = new JsonArray(after.PublishedAfter(), after.Id);
        return body;
    }

    private static JsonArray Filters(string? category, DateTimeOffset? from, DateTimeOffset? to)
    {
        var filters = new JsonArray(new JsonObject { ["term"] = new JsonObject { ["kind"] = "article" } });
        if (category is not null) filters.Add(new JsonObject { ["term"] = new JsonObject { ["category"] = category } });
        if (from is not null || to is not null)
        {
            var range = new JsonObject();
            if (from is not null) range["gte"] = from.Value.ToUnixTimeMilliseconds();
            if (to is not null) range["lte"] = to.Value.ToUnixTimeMilliseconds();
            filters.Add(new JsonObject { ["range"] = new JsonObject { ["published"] = range } });
        }
        return filters;
    }

    private static JsonArray NewestSort() => new(new JsonObject { ["published"] = "desc" }, new JsonObject { ["id"] = "asc" });

    private static JsonObject Phrase(string field, string text, double boost) =>
        new() { ["match_phrase"] = new JsonObject { [field] = new JsonObject { ["query"] = text, ["boost"] = boost } } };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject Text() => new()
    {
        ["type"] = "text",
        ["analyzer"] = "vi_accented",
        ["fields"] = new JsonObject
        {
            ["folded"] = new JsonObject { ["type"] = "text", ["analyzer"] = "vi_folded" },
        },
    };

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
