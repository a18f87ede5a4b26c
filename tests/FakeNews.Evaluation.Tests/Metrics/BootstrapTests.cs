using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Tests.Metrics;

public sealed class BootstrapTests
{
    private static readonly bool[] Correct = Enumerable.Range(0, 200).Select(i => i % 10 < 7).ToArray();

    private static Func<int[], double?> Accuracy => idx => Bootstrap.Pick(Correct, idx).Count(c => c) / (double)idx.Length;

    [Fact]
    public void Splitmix64_matches_the_published_reference_sequence()
    {
        // Reference outputs of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.Next());
        Assert.Equal(0x06C45D188009454FUL, random.Next());
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_bit_for_bit()
    {
        var first = Bootstrap.Intervals(Correct.Length, [Accuracy], 500, seed: 42)[0];
        var second = Bootstrap.Intervals(Correct.Length, [Accuracy], 500, seed: 42)[0];

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_a_different_interval_around_the_same_value()
    {
        var a = Bootstrap.Intervals(Correct.Length, [Accuracy], 500, seed: 1)[0]!;
        var b = Bootstrap.Intervals(Correct.Length, [Accuracy], 500, seed: 2)[0]!;

        Assert.NotEqual(a, b);
        Assert.InRange(0.7, a.Lower, a.Upper);
        Assert.InRange(0.7, b.Lower, b.Upper);

        // Binomial standard error sqrt(.7 x .3 / 200) = .032: the 95 % interval is about +-.064 wide.
        Assert.InRange(a.Upper - a.Lower, 0.10, 0.16);
    }

    [Fact]
    public void Statistics_undefined_on_every_resample_have_no_interval()
    {
        var intervals = Bootstrap.Intervals(10, [_ => null, Accuracy], 50, seed: 3);

        Assert.Null(intervals[0]);
        Assert.NotNull(intervals[1]);
    }

    [Fact]
    public void Percentile_interpolates_linearly_between_order_statistics()
    {
        Assert.Equal(2.5, Bootstrap.Percentile([4, 1, 3, 2], 0.5), 12);
        Assert.Equal(1.075, Bootstrap.Percentile([1, 2, 3, 4], 0.025), 12);
        Assert.Equal(4, Bootstrap.Percentile([1, 2, 3, 4], 1), 12);
    }
}
