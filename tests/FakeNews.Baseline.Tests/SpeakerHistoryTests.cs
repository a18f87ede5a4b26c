using FakeNews.Baseline.Features;
using FakeNews.Baseline.Training;
using FakeNews.Core.Data;

namespace FakeNews.Baseline.Tests;

public sealed class SpeakerHistoryTests
{
    private static readonly BaselineTrainerOptions Options = new() { Folds = 5, Seed = 11 };

    [Fact]
    public void Out_of_fold_history_never_changes_when_the_rows_own_label_changes()
    {
        var rows = TestData.Train;
        var baseline = SpeakerHistory.OutOfFold(rows, Options.Folds, Options.Seed);
        for (var i = 0; i < rows.Count; i++)
        {
            var flipped = rows.ToList();
            flipped[i] = rows[i] with { SixWayLabel = (rows[i].SixWayLabel + 3) % 6 };
            var features = SpeakerHistory.OutOfFold(flipped, Options.Folds, Options.Seed);
            Assert.Equal(baseline[i], features[i]);
        }
    }

    [Fact]
    public void Out_of_fold_history_counts_exactly_the_speakers_rows_in_other_folds()
    {
        var rows = TestData.Train;
        var fold = SpeakerHistory.FoldAssignment(rows.Count, Options.Folds, Options.Seed);
        var features = SpeakerHistory.OutOfFold(rows, Options.Folds, Options.Seed);
        for (var i = 0; i < rows.Count; i++)
        {
            var counts = new float[6];
            for (var j = 0; j < rows.Count; j++)
            {
                if (fold[j] != fold[i] && rows[j].Speaker == rows[i].Speaker)
                {
                    counts[rows[j].SixWayLabel]++;
                }
            }

            Assert.Equal(SpeakerHistory.FeaturesFromCounts(counts), features[i]);
        }
    }

    [Fact]
    public void A_speaker_seen_once_gets_no_history_from_its_own_row()
    {
        var rows = new[]
        {
            Row("only-once", 0),
            Row("twice", 5),
            Row("twice", 5),
        };
        var features = SpeakerHistory.OutOfFold(rows, 3, 1);
        Assert.Equal(new float[SpeakerHistory.FeatureCount], features[0]);
    }

    [Fact]
    public void Folds_are_deterministic_and_balanced()
    {
        var a = SpeakerHistory.FoldAssignment(103, 5, 42);
        var b = SpeakerHistory.FoldAssignment(103, 5, 42);
        Assert.Equal(a, b);
        Assert.All(a.GroupBy(f => f), g => Assert.InRange(g.Count(), 20, 21));
        Assert.NotEqual(a, SpeakerHistory.FoldAssignment(103, 5, 43));
    }

    [Fact]
    public void Valid_rows_get_the_counts_over_all_training_rows()
    {
        var (_, valid) = BaselineTrainer.HistoryFeatures(TestData.Train, TestData.Valid, HistorySource.LeakFree, Options);
        var speaker = TestData.Valid[0].Speaker;
        var counts = new float[6];
        foreach (var row in TestData.Train.Where(r => r.Speaker == speaker))
        {
            counts[row.SixWayLabel]++;
        }

        Assert.Equal(SpeakerHistory.FeaturesFromCounts(counts), valid[0]);
        Assert.Equal(MathF.Log(1 + counts.Sum()), valid[0][6]);
    }

    [Fact]
    public void Features_are_label_shares_and_log_claims()
    {
        Assert.Equal([0.25f, 0.75f, 0, 0, 0, 0, MathF.Log(5)], SpeakerHistory.FeaturesFromCounts([1, 3, 0, 0, 0, 0]));
        Assert.Equal(new float[7], SpeakerHistory.FeaturesFromCounts(new float[6]));
    }

    [Fact]
    public void Speaker_keys_ignore_case_and_surrounding_spaces()
    {
        var history = SpeakerHistory.FromRows([Row("Ann-Lee ", 2)]);
        Assert.Equal(1f, history.Counts(" ann-lee")[2]);
        Assert.Equal(0f, history.Counts("someone-else").Sum());
        Assert.Equal(0f, history.Counts(null).Sum());
    }

    [Fact]
    public void The_table_survives_a_save_and_load()
    {
        var path = Path.Combine(TestData.TempDirectory(), "history.json");
        var history = SpeakerHistory.FromRows(TestData.Train);
        history.Save(path);
        var loaded = SpeakerHistory.Load(path);
        Assert.Equal(history.Speakers, loaded.Speakers);
        foreach (var speaker in TestData.Train.Select(r => r.Speaker).Distinct())
        {
            Assert.Equal(history.Counts(speaker), loaded.Counts(speaker));
        }
    }

    [Fact]
    public void Leaky_history_is_the_count_columns_as_they_come()
    {
        var (train, _) = BaselineTrainer.HistoryFeatures(TestData.Train, TestData.Valid, HistorySource.LeakyColumns, Options);
        Assert.Equal(SpeakerHistory.FeaturesFromCounts(TestData.Train[7].LeakyCounts), train[7]);
    }

    private static LiarRow Row(string speaker, int label) =>
        new(1, "x", label, "A claim.", "", speaker, "", "", "", "", new float[6]);
}
