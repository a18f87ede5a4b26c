using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Explanations;

namespace FakeNews.Evaluation.Tests.Explanations;

public sealed class ExampleExplainerTests
{
    /// <summary>Explains by a script: one attribution per text, a failure at one index, and a count of what is in flight.</summary>
    private sealed class ScriptedExplainer(int? failAt = null) : ITextExplainer
    {
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public async Task<Explanation> ExplainAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
        {
            lock (this)
            {
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            }

            var index = int.Parse(request.Text.Split(' ')[1]);
            await Task.Delay(3 * (3 - index % 3), cancellationToken);
            lock (this)
            {
                _inFlight--;
            }

            if (index == failAt)
            {
                throw new ClassificationException(ErrorKind.TooLong, "the text needs 80 windows; at most 64 are allowed");
            }

            var result = new ClassificationResult("fake", 0.5f, new Dictionary<string, float>(), 2, [], "m@1", 1);
            return new Explanation(result, AttributionGranularity.Word, [new Attribution(AttributionSources.Text, null, 0, 4, "text", index / 100f)]);
        }
    }

    private static List<EvalExample> Examples(int n) => Enumerable.Range(0, n)
        .Select(i => new EvalExample(i + 2, $"e{i}", i % 2 == 0, $"text {i}", null, null, new Dictionary<string, string>()))
        .ToList();

    [Fact]
    public async Task Every_example_is_explained_once_by_id_with_at_most_max_in_flight_outstanding()
    {
        var explainer = new ScriptedExplainer();
        var explained = 0;

        var results = await ExampleExplainer.ExplainAsync(Examples(20), explainer, useMetadata: false, maxInFlight: 3, () => Interlocked.Increment(ref explained));

        Assert.Equal(20, results.Count);
        Assert.Equal(20, explained);
        Assert.Equal(0.07f, results["e7"].Attributions[0].Weight);
        Assert.InRange(explainer.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task A_failed_explanation_stops_the_run_naming_the_example_and_its_line()
    {
        var error = await Assert.ThrowsAsync<EvaluationException>(() =>
            ExampleExplainer.ExplainAsync(Examples(30), new ScriptedExplainer(failAt: 4), useMetadata: false, maxInFlight: 2));

        Assert.Equal("example 'e4' (line 6) could not be explained: the text needs 80 windows; at most 64 are allowed", error.Message);
    }
}
