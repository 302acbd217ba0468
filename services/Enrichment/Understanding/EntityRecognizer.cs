using System.Text.RegularExpressions;
using ContentPipeline.Contracts;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// People, places and organisations named in Vietnamese text, from the way Vietnamese writes names: every syllable of a
/// person's or place's name capitalised ("Nguyễn Thị Bích Ngọc", "Nam Từ Liêm"), an organisation's kind first and
/// then its capitalised words and where it is ("HĐND TP Hà Nội", "Liên đoàn Lao động thị xã Sơn Tây"), titles before
/// people ("Chủ tịch", "Đồng chí"), and our gazetteer of provinces, cities and districts.
/// </summary>
public static partial class EntityRecognizer
{
    [GeneratedRegex(@"\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)+")]
    private static partial Regex CapitalisedRun();

    // The kind of body (longest spellings first), its name's capitalised words (each may carry one more lower-case
    // syllable: "Lao động", "Tổ quốc", "Y tế", never a joining word such as "và"; an abbreviation none, and its capitals
    // may join with '&': "GD&ĐT", "KH&CN"), then perhaps where it is: a level and a place.
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<kind>Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân|Tòa án nhân dân|Viện Kiểm sát nhân dân|Ủy ban Mặt trận Tổ quốc|Mặt trận Tổ quốc|Liên đoàn Lao động|Hội Liên hiệp Phụ nữ|Đoàn Thanh niên|Công an|Thành ủy|Tỉnh ủy|Quận ủy|Huyện ủy|Đảng ủy|Liên đoàn|Ủy ban|Uỷ ban|Hội đồng|Sở|Bộ|Ban|Cục|Tổng cục|Viện|Trường|Bệnh viện|Ngân hàng|Tập đoàn|Tổng công ty|Công ty|HĐND|UBND|MTTQ|LĐLĐ|VKSND|TAND)(?<name>(?:\s+(?!TP\b)(?:\p{Lu}(?:&?\p{Lu})+(?![\p{L}\p{M}&])|\p{Lu}[\p{Ll}\p{M}]*(?![\p{L}\p{M}&])(?:\s+(?!(?:và|của|cho|với|tại|là|đã|có|được|vừa|sẽ)(?![\p{L}\p{M}]))[\p{Ll}\p{M}]{2,})?)){0,5})(?:\s+\((?:[\p{Lu}&.\-]+)\))?(?<where>\s+(?:TP\.?|thành phố|tỉnh|quận|huyện|thị xã|xã|phường)\s+\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,3})?")]
    private static partial Regex Organisation();

    private static readonly HashSet<string> Councils = new(StringComparer.Ordinal)
    {
        "HĐND", "UBND", "Hội đồng nhân dân", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Thành ủy", "Tỉnh ủy", "Quận ủy", "Huyện ủy",
    };

    public static IReadOnlyList<NamedEntity> Find(string text)
    {
        var found = new Dictionary<(string, EntityType), int>();
        var organisationSpans = new List<(int Start, int End)>();
        foreach (Match match in Organisation().Matches(text))
        {
            var name = WithoutTrailingFunctionWord(match.Groups["name"].Value.Trim());
            var where = Where(match.Groups["where"].Value.Trim());
            var kind = match.Groups["kind"].Value;
            // A council is named by where it sits ("HĐND quận Hà Đông"); capitalised words after it are someone's name.
            if (Councils.Contains(kind)) name = "";
            // A kind alone ("Bộ", "Ban", "HĐND") names no one body.
            if (name.Length == 0 && where is null) continue;
            var organisation = string.Join(' ', new[] { kind, name, where }.Where(p => !string.IsNullOrEmpty(p)));
            found[(organisation, EntityType.Organisation)] = found.GetValueOrDefault((organisation, EntityType.Organisation)) + 1;
            organisationSpans.Add((match.Index, match.Index + match.Length - (match.Groups["where"].Success ? match.Groups["where"].Length : 0)));
        }

        foreach (Match run in CapitalisedRun().Matches(text))
        {
            foreach (var (name, offset) in SplitAtPlaces(run.Value))
            {
                var start = run.Index + offset;
                // The words of an organisation's own name are not a person or place of their own.
                if (organisationSpans.Any(s => start >= s.Start && start < s.End)) continue;
                if (!name.Contains(' ') && !VietnameseLexicon.Places.Contains(name)) continue;
                // "Phó Chủ tịch", "Bí thư": a capitalised title is no name.
                var lower = name.ToLowerInvariant();
                if (VietnameseLexicon.PersonTitles.Any(t => t.StartsWith(lower, StringComparison.Ordinal))) continue;
                var before = text[Math.Max(0, start - 40)..start].TrimEnd().ToLowerInvariant();
                var type = Classify(name, before);
                if (type is null) continue;
                var key = (type == EntityType.Place ? PlaceName(name, before) : name, type.Value);
                found[key] = found.GetValueOrDefault(key) + 1;
            }
        }
        return found.OrderByDescending(e => e.Value).ThenBy(e => e.Key.Item1, StringComparer.Ordinal)
            .Select(e => new NamedEntity(e.Key.Item1, e.Key.Item2, e.Value)).ToList();
    }

    /// <summary>A name's last word may be the start of the sentence's next phrase ("Sở Nội vụ Hà Nội cho biết").</summary>
    private static string WithoutTrailingFunctionWord(string name)
    {
        var last = name.LastIndexOf(' ');
        return last > 0 && char.IsLower(name[last + 1]) && VietnameseLexicon.StopWords.Contains(name[(last + 1)..]) ? name[..last] : name;
    }

    /// <summary>"TP Hà Nội", "quận Nam Từ Liêm": a level and a place; a city level needs a place the gazetteer knows.</summary>
    private static string? Where(string where)
    {
        if (where.Length == 0) return null;
        var parts = where.Split(' ', 2);
        if (parts[0] is "TP" or "TP." or "thành" or "tỉnh")
        {
            var place = where[(where.IndexOf(' ') + 1)..];
            if (place.StartsWith("phố ", StringComparison.Ordinal)) place = place[4..];
            var known = LongestKnownPrefix(place);
            return known is null ? null : where[..(where.Length - place.Length)] + known;
        }
        return where;
    }

    private static string? LongestKnownPrefix(string place)
    {
        var words = place.Split(' ');
        for (var n = words.Length; n > 0; n--)
        {
            var candidate = string.Join(' ', words.Take(n));
            if (VietnameseLexicon.Places.Contains(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>First words of the gazetteer's places: only a run holding one can hold a place.</summary>
    private static readonly HashSet<string> PlaceStarts = [.. VietnameseLexicon.Places.Select(p => p.Split(' ')[0])];

    private static IEnumerable<(string Name, int Offset)> SplitAtPlaces(string run)
    {
        var words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!words.Any(PlaceStarts.Contains))
        {
            yield return (run, 0);
            yield break;
        }
        var offsets = new int[words.Length];
        for (int w = 0, at = 0; w < words.Length; w++)
        {
            at = run.IndexOf(words[w], at, StringComparison.Ordinal);
            offsets[w] = at;
            at += words[w].Length;
        }
        var chunkStart = 0;
        for (var i = 0; i < words.Length;)
        {
            var placeEnd = PlaceStarts.Contains(words[i]) ? LongestPlaceAt(words, i) : -1;
            if (placeEnd < 0) { i++; continue; }
            if (i > chunkStart) yield return (string.Join(' ', words, chunkStart, i - chunkStart), offsets[chunkStart]);
            yield return (string.Join(' ', words, i, placeEnd - i), offsets[i]);
            chunkStart = i = placeEnd;
        }
        if (chunkStart < words.Length) yield return (string.Join(' ', words, chunkStart, words.Length - chunkStart), offsets[chunkStart]);
    }

    private static int LongestPlaceAt(string[] words, int start)
    {
        for (var end = Math.Min(words.Length, start + 5); end > start; end--)
            if (VietnameseLexicon.Places.Contains(string.Join(' ', words, start, end - start))) return end;
        return -1;
    }

    private static readonly string[] OrganisationHeads = [.. VietnameseLexicon.OrganisationHeads.Select(h => h + " ")];
    private static readonly string[] PlacePrefixes = [.. VietnameseLexicon.PlacePrefixes.Select(p => p.ToLowerInvariant())];

    private static EntityType? Classify(string name, string before)
    {
        if (OrganisationHeads.Any(h => name.StartsWith(h, StringComparison.Ordinal))) return EntityType.Organisation;
        if (VietnameseLexicon.Places.Contains(name) || PlacePrefixes.Any(p => before.EndsWith(p, StringComparison.Ordinal)))
            return EntityType.Place;
        var first = name[..(name.IndexOf(' ') is var space and > 0 ? space : name.Length)];
        if (VietnameseLexicon.Surnames.Contains(first) && name.Count(c => c == ' ') is >= 1 and <= 3) return EntityType.Person;
        if (VietnameseLexicon.PersonTitles.Any(t => before.EndsWith(t, StringComparison.Ordinal))) return EntityType.Person;
        return null;
    }

    private static string PlaceName(string name, string before)
    {
        var prefix = PlacePrefixes.FirstOrDefault(p => p is "quận" or "huyện" or "thị xã" && before.EndsWith(p, StringComparison.Ordinal));
        return prefix is null ? name : $"{prefix} {name}";
    }
}
