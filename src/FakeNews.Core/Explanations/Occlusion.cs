using FakeNews.Core.Chunking;

namespace FakeNews.Core.Explanations;

/// <summary>One window of a text with a unit removed.</summary>
/// <param name="SourceIndex">The index of the full text's window it comes from.</param>
/// <param name="Window">The window after the removal, numbered among the kept windows.</param>
/// <param name="Changed">True when the removal took tokens out of this window, so it must be scored again.</param>
public readonly record struct OccludedWindow(int SourceIndex, TokenWindow Window, bool Changed);

/// <summary>
/// Deletion of one unit from a windowed text, done locally: each window keeps its tokens outside the unit, windows
/// the unit does not touch are unchanged (their scores are reused), and windows that lose every token are dropped.
/// Long texts are not re-windowed after a deletion, so removing a sentence costs one or two windows, not all of
/// them. Pure.
/// </summary>
public static class Occlusion
{
    /// <summary>The windows of the text with tokens <c>[start, end)</c> removed. Never empty: removing everything leaves one empty window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or reversed.</exception>
    public static IReadOnlyList<OccludedWindow> Windows(IReadOnlyList<TokenWindow> windows, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        var result = new List<OccludedWindow>(windows.Count);
        foreach (var window in windows)
        {
            var removed = Math.Max(0, Math.Min(window.End, end) - Math.Max(window.Start, start));
            var removedBefore = Math.Clamp(Math.Min(window.Start, end) - start, 0, end - start);
            var count = window.Count - removed;
            if (removed > 0 && count == 0)
            {
                continue;
            }

            result.Add(new OccludedWindow(window.Index, new TokenWindow(result.Count, window.Start - removedBefore, count), removed > 0));
        }

        if (result.Count == 0)
        {
            result.Add(new OccludedWindow(windows[0].Index, new TokenWindow(0, 0, 0), true));
        }

        return result;
    }

    /// <summary>The ids of <paramref name="source"/> (a window over <paramref name="ids"/>) without the tokens in <c>[start, end)</c>.</summary>
    public static int[] Ids(ReadOnlySpan<int> ids, TokenWindow source, int start, int end)
    {
        var from = Math.Clamp(start, source.Start, source.End);
        var to = Math.Clamp(end, source.Start, source.End);
        var result = new int[source.Count - (to - from)];
        ids[source.Start..from].CopyTo(result);
        ids[to..source.End].CopyTo(result.AsSpan(from - source.Start));
        return result;
    }
}
