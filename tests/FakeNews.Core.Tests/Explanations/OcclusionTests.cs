using FakeNews.Core.Chunking;
using FakeNews.Core.Explanations;

namespace FakeNews.Core.Tests.Explanations;

public sealed class OcclusionTests
{
    private static readonly TokenWindow[] s_windows = [new(0, 0, 10), new(1, 6, 10), new(2, 12, 8)];

    [Fact]
    public void Removing_a_unit_inside_one_window_changes_only_that_window_and_shifts_the_later_starts()
    {
        var windows = Occlusion.Windows(s_windows, 2, 4);

        Assert.Equal(
            [
                new OccludedWindow(0, new TokenWindow(0, 0, 8), true),
                new OccludedWindow(1, new TokenWindow(1, 4, 10), false),
                new OccludedWindow(2, new TokenWindow(2, 10, 8), false),
            ],
            windows);
    }

    [Fact]
    public void A_unit_in_an_overlap_changes_both_windows_that_hold_it()
    {
        var windows = Occlusion.Windows(s_windows, 7, 9);

        Assert.Equal([true, true, false], windows.Select(w => w.Changed));
        Assert.Equal([8, 8, 8], windows.Select(w => w.Window.Count));
    }

    [Fact]
    public void A_window_the_unit_fills_is_dropped_and_the_rest_are_renumbered()
    {
        var windows = Occlusion.Windows([new TokenWindow(0, 0, 4), new TokenWindow(1, 4, 4)], 0, 4);

        Assert.Equal([new OccludedWindow(1, new TokenWindow(0, 0, 4), false)], windows);
    }

    [Fact]
    public void Removing_everything_leaves_one_empty_window()
    {
        var windows = Occlusion.Windows([new TokenWindow(0, 0, 5)], 0, 5);

        Assert.Equal([new OccludedWindow(0, new TokenWindow(0, 0, 0), true)], windows);
        Assert.Empty(Occlusion.Ids(new int[] { 1, 2, 3, 4, 5 }, new TokenWindow(0, 0, 5), 0, 5));
    }

    [Fact]
    public void Ids_keep_the_window_tokens_outside_the_unit_in_order()
    {
        int[] ids = [10, 11, 12, 13, 14, 15, 16, 17];

        Assert.Equal([12, 15, 16], Occlusion.Ids(ids, new TokenWindow(1, 2, 5), 3, 5));
        Assert.Equal([12, 13], Occlusion.Ids(ids, new TokenWindow(1, 2, 4), 4, 9));
        Assert.Equal([12, 13, 14, 15], Occlusion.Ids(ids, new TokenWindow(1, 2, 4), 0, 1));
    }
}
