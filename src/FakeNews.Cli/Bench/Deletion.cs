using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Bench;

/// <summary>The deletion test of an explanation: which units to delete, and the request without them. Pure.</summary>
internal static class Deletion
{
    /// <summary>The <paramref name="k"/> units with the largest absolute weight.</summary>
    public static IReadOnlyList<Attribution> Strongest(IReadOnlyList<Attribution> units, int k) =>
        units.OrderByDescending(u => Math.Abs(u.Weight)).ThenBy(u => u.Start).Take(k).ToList();

    /// <summary>The <paramref name="k"/> units that push hardest toward the verdict (most positive for fake, most negative for real).</summary>
    public static IReadOnlyList<Attribution> TowardVerdict(IReadOnlyList<Attribution> units, int k, bool verdictFake) =>
        units.OrderByDescending(u => verdictFake ? u.Weight : -u.Weight).ThenBy(u => u.Start).Take(k).ToList();

    /// <summary><paramref name="k"/> distinct units drawn uniformly by <paramref name="random"/>.</summary>
    public static IReadOnlyList<Attribution> Random(IReadOnlyList<Attribution> units, int k, Random random)
    {
        var indexes = Enumerable.Range(0, units.Count).ToArray();
        random.Shuffle(indexes);
        return indexes.Take(k).Select(i => units[i]).ToList();
    }

    /// <summary>
    /// <paramref name="request"/> with the characters of <paramref name="units"/> (text and title units; metadata
    /// units drop their field) removed, or null when the text would be left blank.
    /// </summary>
    public static ClassificationRequest? Without(ClassificationRequest request, IReadOnlyList<Attribution> units)
    {
        var text = Cut(request.Text, units.Where(u => u.Source == AttributionSources.Text));
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var title = request.Title is null ? null : Cut(request.Title, units.Where(u => u.Source == AttributionSources.Title));
        var fields = units.Where(u => u.Source == AttributionSources.Metadata).Select(u => u.Field).ToHashSet();
        var metadata = request.Metadata is { } m && fields.Count > 0
            ? ArticleMetadata.FromDictionary(ArticleMetadata.FieldNames.Where(f => !fields.Contains(f)).ToDictionary(f => f, f => Value(m, f)))
            : request.Metadata;
        return new ClassificationRequest(text, string.IsNullOrWhiteSpace(title) ? null : title, metadata);
    }

    private static string Cut(string source, IEnumerable<Attribution> units)
    {
        var kept = new System.Text.StringBuilder(source.Length);
        var position = 0;
        foreach (var unit in units.OrderBy(u => u.Start))
        {
            kept.Append(source, position, unit.Start - position);
            position = unit.End;
        }

        return kept.Append(source, position, source.Length - position).ToString();
    }

    private static string? Value(ArticleMetadata metadata, string field) => field switch
    {
        "speaker" => metadata.Speaker,
        "job" => metadata.Job,
        "party" => metadata.Party,
        "state" => metadata.State,
        "subject" => metadata.Subject,
        _ => metadata.Context,
    };
}
