using ContentPipeline.Recommendation.Related;
using ContentPipeline.Recommendation.Bench;

// Recommendation benchmarks; each prints Markdown tables for docs/benchmarks.md.
//   dotnet run -c Release --project bench/Recommendation.Bench [-- quality [corpus.jsonl] [kept terms]]
//       related quality with the topic withheld: plain MoreLikeThis, ours on words alone, ours with the latent topics
//       (default unc_dantri.jsonl, each article found by ArticleNeighbours.KeptTerms of its terms)
//   dotnet run -c Release --project bench/Recommendation.Bench -- load [corpus.jsonl] [requests]
//       /api/recommendations/{id}/related under load at 64 and 16 connections, next to /health/live
//   dotnet run -c Release --project bench/Recommendation.Bench -- freshness [corpus.jsonl] [seeded] [probes]
//       embedded mode: POST /api/articles 202 → in the related list of its nearest neighbour (default 600, 100)
//   dotnet run -c Release --project bench/Recommendation.Bench -- recompute [corpus.jsonl] [articles] [lists]
//       a new article's neighbourhood (its list, then its place in the kept lists of the articles in it), one list,
//       read-back at start and learning the topics again, on the corpus and on copies of it up to a size (default
//       35,000, 500 new articles)
//   dotnet run -c Release --project bench/Recommendation.Bench -- reasons [corpus.jsonl]
//       why related items are there: the kinds of reason over every article's first five items, and a dozen lists
// Corpora are read from ../shared/data/corpus, found by walking up from the bench's folder, or from the path given.
var command = args.FirstOrDefault() ?? "quality";
switch (command)
{
    case "quality":
        Quality.Run(args.ElementAtOrDefault(1) ?? "unc_dantri.jsonl",
            args.Length > 2 ? int.Parse(args[2]) : ArticleNeighbours.KeptTerms);
        break;
    case "load":
        await Load.RunAsync(args.ElementAtOrDefault(1) ?? "unc_dantri.jsonl", int.Parse(args.ElementAtOrDefault(2) ?? "300000"));
        break;
    case "freshness":
        await Freshness.RunAsync(args.ElementAtOrDefault(1) ?? "unc_dantri.jsonl",
            int.Parse(args.ElementAtOrDefault(2) ?? "600"), int.Parse(args.ElementAtOrDefault(3) ?? "100"));
        break;
    case "reasons":
        Reasons.Run(args.ElementAtOrDefault(1) ?? "unc_dantri.jsonl");
        break;
    case "recompute":
        await Recompute.RunAsync(args.ElementAtOrDefault(1) ?? "unc_dantri.jsonl",
            int.Parse(args.ElementAtOrDefault(2) ?? "35000"), int.Parse(args.ElementAtOrDefault(3) ?? "500"));
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}': use quality, load, freshness, recompute or reasons.");
        return 2;
}
return 0;
