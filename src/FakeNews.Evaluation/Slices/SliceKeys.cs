using System.Globalization;
using FakeNews.Core.Data;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Slices;

/// <summary>
/// Which slices an example belongs to. Keys come from the data (LIAR: six_way_label, party, state, speaker, subject,
/// context; CSV/JSONL: every column but id, label, text, title, job) plus the derived <c>length</c> bucket.
/// <c>subject</c> is multi-valued (comma separated, as LIAR publishes it): an example is in one slice per subject.
/// </summary>
public static class SliceKeys
{
    /// <summary>The value shown for an empty field.</summary>
    public const string Blank = "(blank)";

    private static readonly string[] PreferredOrder =
        [SliceKeyNames.SixWayLabel, "party", "state", "speaker", "subject", "context", SliceKeyNames.SourceDataset, SliceKeyNames.Length];

    /// <summary>The length buckets in order: whitespace-separated words of title and text.</summary>
    public static IReadOnlyList<string> LengthBuckets { get; } =
        ["1-10 words", "11-20 words", "21-40 words", "41-80 words", "81-160 words", "161-320 words", "321-640 words", "641+ words"];

    /// <summary>The (key, value) pairs of the slices <paramref name="example"/> is in.</summary>
    public static IEnumerable<(string Key, string Value)> Of(EvalExample example)
    {
        foreach (var (key, raw) in example.Keys)
        {
            if (key == "subject" && raw.Contains(',', StringComparison.Ordinal))
            {
                foreach (var subject in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
                {
                    yield return (key, subject);
                }

                continue;
            }

            yield return (key, raw.Length == 0 ? Blank : raw);
        }

        yield return (SliceKeyNames.Length, LengthBucket(example));
    }

    /// <summary>The length bucket of the title and text together.</summary>
    public static string LengthBucket(EvalExample example)
    {
        var words = CountWords(example.Text) + (example.Title is null ? 0 : CountWords(example.Title));
        var upper = 10;
        for (var i = 0; i < LengthBuckets.Count - 1; i++, upper *= 2)
        {
            if (words <= upper)
            {
                return LengthBuckets[i];
            }
        }

        return LengthBuckets[^1];
    }

    /// <summary>Sort rank of a key: the known keys first in a fixed order, then the others alphabetically.</summary>
    public static string OrderOf(string key)
    {
        var index = Array.IndexOf(PreferredOrder, key);
        return index >= 0 ? index.ToString("D2", CultureInfo.InvariantCulture) : "99" + key;
    }

    /// <summary>Sort rank of a value within its key: natural order for six-way labels and length buckets, else null.</summary>
    public static int? NaturalOrder(string key, string value) => key switch
    {
        SliceKeyNames.SixWayLabel => LiarTsv.SixWayLabels.ToList().IndexOf(value),
        SliceKeyNames.Length => LengthBuckets.ToList().IndexOf(value),
        _ => null,
    };

    private static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
