using ContentPipeline.Search.Bench;

// Search benchmarks; each prints a Markdown table for docs/benchmarks.md.
//   dotnet run -c Release --project bench/Search.Bench -- nrt [corpus.jsonl]
//       write-to-searchable latency on the embedded engine (default corpus unc_dantri.jsonl)
//   dotnet run -c Release --project bench/Search.Bench -- known-item [corpus.jsonl] [sample] [seed]
//       MRR@10 and Recall@10 of title-word queries, ours next to a plain Lucene index (default vnexpress_title_sapo_train.jsonl)
//   dotnet run -c Release --project bench/Search.Bench -- latency [corpus.jsonl[+more.jsonl]] [articles] [requests]
//       /api/search at 32 and 4 concurrent clients next to the engine called directly (default
//       vnexpress_title_sapo_train.jsonl+unc_dantri.jsonl, each article once (0), 20,000)
//   dotnet run -c Release --project bench/Search.Bench -- suggest [corpus.jsonl[+more.jsonl]] [requests]
//       /api/suggest for titles' words typed so far: the title among the suggestions (as typed, with a slip), one
//       alone, 32 clients over HTTP
//       (default the same two corpora, 20,000)
// Corpora are read from ../shared/data/corpus, found by walking up from the bench's folder, or from the path given.
var command = args.FirstOrDefault() ?? "nrt";
switch (command)
{
    case "nrt":
        await NearRealTime.RunAsync(args.ElementAtOrDefault(1) ?? "unc_dantri.jsonl");
        break;
    case "known-item":
        await KnownItem.RunAsync(args.ElementAtOrDefault(1) ?? "vnexpress_title_sapo_train.jsonl",
            int.Parse(args.ElementAtOrDefault(2) ?? "100000"), int.Parse(args.ElementAtOrDefault(3) ?? "7"));
        break;
    case "latency":
        await Latency.RunAsync(args.ElementAtOrDefault(1) ?? "vnexpress_title_sapo_train.jsonl+unc_dantri.jsonl",
            int.Parse(args.ElementAtOrDefault(2) ?? "0"), int.Parse(args.ElementAtOrDefault(3) ?? "20000"));
        break;
    case "suggest":
        await Suggest.RunAsync(args.ElementAtOrDefault(1) ?? "vnexpress_title_sapo_train.jsonl+unc_dantri.jsonl", int.Parse(args.ElementAtOrDefault(2) ?? "20000"));
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}': use nrt, known-item, latency or suggest.");
        return 2;
}
return 0;
