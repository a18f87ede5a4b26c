using FakeNews.Baseline.Features;
using FakeNews.Baseline.Training;
using FakeNews.Core.Classification;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FakeNews.Baseline.Tests;

public sealed class FeaturizerTests
{
    private static readonly BaselineTrainerOptions Options = new() { Seed = 3 };

    [Fact]
    public void Request_becomes_a_row_with_title_before_text_and_normalized_metadata()
    {
        var request = new ClassificationRequest(
            "Body text.", "  Headline ", new ArticleMetadata(" Ann-Lee ", "Mayor", "Democrat", "Ohio", "economy,health-care", " A Tweet "));
        var history = new float[SpeakerHistory.FeatureCount];
        var input = BaselineInput.Create(request, history, label: true);
        Assert.Equal("Headline\n\nBody text.", input.Text);
        Assert.Equal("ann-lee", input.Speaker);
        Assert.Equal("mayor", input.Job);
        Assert.Equal("democrat", input.Party);
        Assert.Equal("ohio", input.State);
        Assert.Equal("economy health-care", input.Subject);
        Assert.Equal("a tweet", input.Context);
        Assert.Same(history, input.History);
        Assert.True(input.Label);
    }

    [Fact]
    public void A_bare_claim_has_empty_metadata_columns()
    {
        var input = BaselineInput.Create(new ClassificationRequest("Just a claim."), new float[SpeakerHistory.FeatureCount]);
        Assert.Equal("Just a claim.", input.Text);
        Assert.All(new[] { input.Speaker, input.Job, input.Party, input.State, input.Subject, input.Context }, v => Assert.Equal(string.Empty, v));
    }

    [Fact]
    public void History_of_the_wrong_width_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BaselineInput.Create(new ClassificationRequest("x"), new float[3]));
        Assert.Contains("7 features", error.Message);
    }

    [Fact]
    public void Features_concatenate_text_subjects_history_and_one_hot_metadata()
    {
        var ml = new MLContext(1);
        var (trainHistory, _) = BaselineTrainer.HistoryFeatures(TestData.Train, TestData.Valid, HistorySource.LeakFree, Options);
        var inputs = BaselineTrainer.Inputs(TestData.Train, trainHistory);
        var featurizer = Featurizer.Build(ml).Fit(ml.Data.LoadFromEnumerable(inputs));

        var unseen = BaselineInput.Create(
            new ClassificationRequest("Hoax never banned.", null, new ArticleMetadata("nobody-known", Party: "republican")),
            [0.1f, 0.2f, 0.3f, 0.4f, 0, 0, 1.5f]);
        var scored = featurizer.Transform(ml.Data.LoadFromEnumerable(new[] { inputs[0], unseen }));
        var width = (VectorDataViewType)scored.Schema[Featurizer.FeaturesColumn].Type;
        int Size(string column) => ((VectorDataViewType)scored.Schema[column].Type).Size;

        var text = Size("TextFeatures");
        var subject = Size("SubjectBag");
        var oneHot = Featurizer.OneHotColumns.Select(c => Size(c + "OneHot")).ToArray();
        Assert.Equal(text + subject + SpeakerHistory.FeatureCount + oneHot.Sum(), width.Size);
        Assert.Equal(6, oneHot[0]); // six speakers in the fixture

        var rows = scored.GetColumn<VBuffer<float>>(Featurizer.FeaturesColumn).Select(v => v.DenseValues().ToArray()).ToArray();
        var historyStart = text + subject;
        Assert.Equal(inputs[0].History, rows[0][historyStart..(historyStart + 7)]);
        Assert.Equal(unseen.History, rows[1][historyStart..(historyStart + 7)]);

        var speakerStart = historyStart + 7;
        Assert.Equal(1f, rows[0][speakerStart..(speakerStart + oneHot[0])].Sum());
        Assert.All(rows[1][speakerStart..(speakerStart + oneHot[0])], v => Assert.Equal(0f, v));

        // ML.NET L2-normalizes the word and the character n-gram vectors each, then concatenates them.
        var squaredNorm = rows[1][..text].Sum(v => (double)v * v);
        Assert.Equal(2.0, squaredNorm, 5);
    }
}
