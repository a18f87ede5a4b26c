using FakeNews.Core.Batching;

namespace FakeNews.Core.Tests.Batching;

public class BatchPlannerTests
{
    private static int[] Lengths(BatchPlan plan, int[] lengths) => plan.Indices.Select(i => lengths[i]).Order().ToArray();

    [Fact]
    public void Everything_waiting_forms_one_batch_when_it_fits_and_the_batch_is_not_full()
    {
        var plan = BatchPlanner.Plan([5, 7, 6], maxBatchSize: 8, maxBatchTokens: 1000);

        Assert.Equal([0, 1, 2], plan.Indices.Order());
        Assert.Equal(7, plan.SequenceLength);
        Assert.Equal(21, plan.PaddedTokens);
        Assert.False(plan.IsFull);
    }

    [Fact]
    public void Batch_stops_at_the_maximum_size_and_is_full()
    {
        var plan = BatchPlanner.Plan([5, 5, 5, 5, 5], maxBatchSize: 3, maxBatchTokens: 1000);

        Assert.Equal([0, 1, 2], plan.Indices.Order());
        Assert.True(plan.IsFull);
    }

    [Fact]
    public void Batch_stops_at_the_token_budget_counting_padding()
    {
        int[] lengths = [10, 10, 10, 10];

        var plan = BatchPlanner.Plan(lengths, maxBatchSize: 32, maxBatchTokens: 35);

        Assert.Equal(3, plan.Indices.Count);
        Assert.True(plan.PaddedTokens <= 35);
        Assert.True(plan.IsFull);
    }

    [Fact]
    public void Similar_lengths_are_grouped_around_the_oldest_sequence()
    {
        int[] lengths = [10, 100, 12, 98, 11];

        var first = BatchPlanner.Plan(lengths, maxBatchSize: 3, maxBatchTokens: 10_000);

        Assert.Equal([10, 11, 12], Lengths(first, lengths));
        Assert.Equal(12, first.SequenceLength);
    }

    [Fact]
    public void The_oldest_sequence_is_always_in_the_batch()
    {
        int[] lengths = [100, 10, 10, 10, 99];

        var plan = BatchPlanner.Plan(lengths, maxBatchSize: 2, maxBatchTokens: 10_000);

        Assert.Contains(0, plan.Indices);
        Assert.Equal([99, 100], Lengths(plan, lengths));
    }

    [Fact]
    public void A_sequence_longer_than_the_budget_runs_alone()
    {
        var plan = BatchPlanner.Plan([50, 3, 3], maxBatchSize: 8, maxBatchTokens: 40);

        Assert.Equal([0], plan.Indices);
        Assert.True(plan.IsFull);
    }

    [Fact]
    public void Token_budget_prefers_shorter_neighbours_when_a_longer_one_would_not_fit()
    {
        int[] lengths = [20, 40, 5, 19];

        var plan = BatchPlanner.Plan(lengths, maxBatchSize: 8, maxBatchTokens: 60);

        Assert.Equal([5, 19, 20], Lengths(plan, lengths));
        Assert.Equal(20, plan.SequenceLength);
    }

    [Fact]
    public void Among_equal_lengths_the_oldest_go_first()
    {
        var plan = BatchPlanner.Plan([7, 7, 7, 7], maxBatchSize: 2, maxBatchTokens: 1000);

        Assert.Equal([0, 1], plan.Indices.Order());
    }

    [Fact]
    public void A_sequence_that_would_add_more_padding_than_allowed_waits_for_a_batch_of_its_own_length()
    {
        int[] lengths = [10, 11, 30, 12, 31];

        var plan = BatchPlanner.Plan(lengths, maxBatchSize: 8, maxBatchTokens: 1000, maxAddedPadding: 4);

        // 11 adds 1 padding token to the 10, 12 adds 2 (one to each row); 30 would add 3 x 18.
        Assert.Equal([10, 11, 12], Lengths(plan, lengths));
        Assert.True(plan.IsFull);
        var rest = BatchPlanner.Plan([30, 31], maxBatchSize: 8, maxBatchTokens: 1000, maxAddedPadding: 4);
        Assert.Equal(2, rest.Indices.Count);
    }

    [Fact]
    public void A_padding_limit_of_zero_batches_only_equal_lengths_and_no_limit_takes_everything()
    {
        int[] lengths = [20, 20, 21, 20, 40];

        Assert.Equal([20, 20, 20], Lengths(BatchPlanner.Plan(lengths, 8, 1000, maxAddedPadding: 0), lengths));
        Assert.Equal(lengths.Order(), Lengths(BatchPlanner.Plan(lengths, 8, 1000), lengths));
    }

    [Fact]
    public void A_shorter_sequence_is_weighed_by_its_own_padding_and_a_longer_one_by_every_row_it_pads()
    {
        // Anchor 50 with three rows of 50: a 45 adds 5 tokens; a 52 would add 2 to each of the four rows (8).
        int[] lengths = [50, 50, 50, 50, 45, 52];

        var plan = BatchPlanner.Plan(lengths, maxBatchSize: 8, maxBatchTokens: 1000, maxAddedPadding: 6);

        Assert.Equal([45, 50, 50, 50, 50], Lengths(plan, lengths));
        Assert.Equal(50, plan.SequenceLength);
    }

    [Fact]
    public void A_negative_padding_limit_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlanner.Plan([5], 8, 1000, maxAddedPadding: -1));
    }
}
