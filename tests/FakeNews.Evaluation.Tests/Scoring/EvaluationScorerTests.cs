using FakeNews.Core.Classification;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Tests.Scoring;

public sealed class EvaluationScorerTests
{
    /// <summary>A classifier whose results finish in reverse order of submission within each group, and that counts what is in flight.</summary>
    private sealed class ScriptedClassifier(Func<string, ClassificationResult> score, int? failAt = null) : ITextClassifier
    {
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public List<string> Seen { get; } = [];

        public ModelInfo Model { get; } = new("scripted", "1", ["real", "fake"], 16, ["input_ids"], "CPU", "test", ".");

        public async Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
        {
            lock (Seen)
            {
                Seen.Add(request.ModelInput());
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            }

            var index = int.Parse(request.Text.Split(' ')[1]);
            await Task.Delay(5 * (4 - index % 4), cancellationToken);
            lock (Seen)
            {
                _inFlight--;
            }

            return index == failAt ? throw new ClassificationException(ErrorKind.TooLong, "the text needs 80 windows; at most 64 are allowed") : score(request.Text);
        }
    }

    private static List<EvalExample> Examples(int n) => Enumerable.Range(0, n)
        .Select(i => new EvalExample(i + 2, $"e{i}", i % 2 == 0, $"text {i}", null, new ArticleMetadata(Speaker: "s"), new Dictionary<string, string>()))
        .ToList();

    private static ClassificationResult Result(string text)
    {
        var p = int.Parse(text.Split(' ')[1]) / 40f;
        return new ClassificationResult(p >= 0.5f ? "fake" : "real", p, new Dictionary<string, float> { ["fake"] = p }, 7, [], "scripted@1", 0);
    }

    [Fact]
    public async Task Results_come_back_in_input_order_with_the_pipeline_label_and_score()
    {
        var classifier = new ScriptedClassifier(Result);
        var reported = new List<string>();

        var predictions = await EvaluationScorer.ScoreAsync(Examples(40), classifier, useMetadata: false, maxInFlight: 8, p => reported.Add(p.Example.Id));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"e{i}"), predictions.Select(p => p.Example.Id));
        Assert.Equal(predictions.Select(p => p.Example.Id), reported);
        Assert.Equal(0.25f, (float)predictions[10].PFake);
        Assert.False(predictions[10].PredictedFake);
        Assert.True(predictions[39].PredictedFake);
        Assert.Equal(7, predictions[0].Tokens);
    }

    [Fact]
    public async Task No_more_than_max_in_flight_requests_are_outstanding()
    {
        var classifier = new ScriptedClassifier(Result);

        await EvaluationScorer.ScoreAsync(Examples(40), classifier, useMetadata: false, maxInFlight: 5);

        Assert.InRange(classifier.MaxInFlight, 2, 5);
    }

    [Fact]
    public async Task Metadata_is_sent_only_when_asked()
    {
        var without = new ScriptedClassifier(Result);
        var with = new ScriptedClassifier(Result);

        await EvaluationScorer.ScoreAsync(Examples(2), without, useMetadata: false, maxInFlight: 1);
        await EvaluationScorer.ScoreAsync(Examples(2), with, useMetadata: true, maxInFlight: 1);

        Assert.Equal(["text 0", "text 1"], without.Seen);
        Assert.Equal(["speaker: s | claim: text 0", "speaker: s | claim: text 1"], with.Seen);
    }

    [Fact]
    public async Task An_example_that_fails_stops_the_run_naming_its_id_and_line()
    {
        var classifier = new ScriptedClassifier(Result, failAt: 13);

        var error = await Assert.ThrowsAsync<EvaluationException>(() => EvaluationScorer.ScoreAsync(Examples(40), classifier, false, 8));

        Assert.Equal("example 'e13' (line 15) could not be classified: the text needs 80 windows; at most 64 are allowed", error.Message);
        Assert.IsType<ClassificationException>(error.InnerException);
    }

    [Fact]
    public async Task With_a_refused_list_an_input_refusal_is_named_there_and_the_rest_are_scored_in_order()
    {
        var classifier = new ScriptedClassifier(Result, failAt: 13);
        var refused = new List<Refusal>();
        var reported = new List<string>();

        var predictions = await EvaluationScorer.ScoreAsync(Examples(40), classifier, false, 8, p => reported.Add(p.Example.Id), refused);

        Assert.Equal(Enumerable.Range(0, 40).Where(i => i != 13).Select(i => $"e{i}"), predictions.Select(p => p.Example.Id));
        Assert.Equal(predictions.Select(p => p.Example.Id), reported);
        var refusal = Assert.Single(refused);
        Assert.Equal(new Refusal("e13", 15, "the text needs 80 windows; at most 64 are allowed"), refusal);
    }
}
