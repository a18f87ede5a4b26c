using FakeNews.Baseline.Serving;
using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Core.Models;
using FakeNews.Inference;

namespace FakeNews.Serving.Tests;

public sealed class ChoiceTests(BaselineFolder baseline) : IClassFixture<BaselineFolder>
{
    [Fact]
    public async Task A_transformer_folder_is_served_by_the_onnx_pipeline_with_its_config()
    {
        await using var served = await ServedClassifier.CreateAsync(Fixtures.Options(Fixtures.TinyDistilBert));

        var transformer = Assert.IsType<ServedTransformer>(served);
        var result = await served.ClassifyAsync(new ClassificationRequest("a short claim"));
        Assert.InRange(result.PFake, 0f, 1f);
        Assert.Equal("CPU", served.Model.ExecutionProvider);
        Assert.Equal(transformer.Inner.Folder.Config.Threshold, served.Threshold);
        Assert.Equal(transformer.Inner.Folder.Config.Temperature, served.Temperature);
        Assert.True(served.Stats.Items >= 1);
    }

    [Fact]
    public async Task A_baseline_folder_is_served_by_the_mlnet_baseline_without_a_batcher()
    {
        await using var served = await ServedClassifier.CreateAsync(Fixtures.Options(baseline.Directory));

        Assert.IsType<ServedBaseline>(served);
        Assert.Equal("ML.NET CPU", served.Model.ExecutionProvider);
        Assert.Equal(0.45f, served.Threshold);
        Assert.Equal(1f, served.Temperature);
        var requests = baseline.Valid.Select(r => r.ToRequest()).ToList();
        var many = await served.ClassifyManyAsync(requests);
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal((await served.ClassifyAsync(requests[i])).PFake, many[i].PFake);
        }

        Assert.Equal(0, served.QueueLength);
        Assert.Equal(new BatcherStats(0, 0, 0, 0), served.Stats);
    }

    [Fact]
    public async Task The_baseline_explains_by_deleting_words_and_many_explanations_keep_request_order()
    {
        await using var served = await ServedClassifier.CreateAsync(Fixtures.Options(baseline.Directory));
        await using var direct = await BaselineClassifier.CreateAsync(baseline.Directory);
        var requests = baseline.Valid.Take(3).Select(r => r.ToRequest()).ToList();

        var many = await served.ExplainManyAsync(requests);

        for (var i = 0; i < requests.Count; i++)
        {
            var expected = await DeletionExplainer.ExplainAsync(direct, requests[i]);
            Assert.Equal(expected.Attributions.Select(a => (a.Text, a.Weight)), many[i].Attributions.Select(a => (a.Text, a.Weight)));
        }
    }

    [Fact]
    public async Task The_window_check_agrees_with_classification_and_the_baseline_fits_everything()
    {
        var options = Fixtures.Options(Fixtures.TinyDistilBert) with { MaxLength = 16, WindowStride = 0, MaxWindows = 2, QueueCapacity = 8 };
        await using var transformer = await ServedClassifier.CreateAsync(options);
        await using var served = await ServedClassifier.CreateAsync(Fixtures.Options(baseline.Directory));
        var fits = string.Join(' ', Enumerable.Repeat("the", 28));
        var tooLong = string.Join(' ', Enumerable.Repeat("the", 29));

        Assert.Equal(new WindowFitView(28, 2, 14, 0, 2, true), View(transformer.MeasureWindows(fits)));
        Assert.False(transformer.MeasureWindows(tooLong).Fits);
        var error = await Assert.ThrowsAsync<ClassificationException>(() => transformer.ClassifyAsync(new ClassificationRequest(tooLong)));
        Assert.Equal(ErrorKind.TooLong, error.Kind);
        Assert.True(served.MeasureWindows(string.Join(' ', Enumerable.Repeat("the", 100_000))).Fits);
    }

    [Fact]
    public async Task A_batch_observer_sees_the_transformers_batches_but_not_its_warm_up()
    {
        var observer = new CountingObserver();
        await using var served = await ServedClassifier.CreateAsync(Fixtures.Options(Fixtures.TinyDistilBert), batchObserver: observer);
        Assert.Equal(0, observer.Sequences);

        await served.ClassifyAsync(new ClassificationRequest("one claim"));

        Assert.Equal(1, observer.Sequences);
    }

    [Fact]
    public async Task A_missing_folder_fails_to_load_naming_it()
    {
        var missing = Path.Combine(Fixtures.TempDirectory(), "absent");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ServedClassifier.CreateAsync(Fixtures.Options(missing)));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_holds_no_model_fails_to_load_naming_the_missing_file()
    {
        var empty = Fixtures.TempDirectory();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ServedClassifier.CreateAsync(Fixtures.Options(empty)));

        Assert.Contains(ModelFolder.ConfigFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_config_without_its_model_file_fails_to_load_naming_the_file()
    {
        var broken = Fixtures.TempDirectory();
        File.Copy(Path.Combine(baseline.Directory, BaselineConfig.ConfigFileName), Path.Combine(broken, BaselineConfig.ConfigFileName));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ServedClassifier.CreateAsync(Fixtures.Options(broken)));

        Assert.Contains(BaselineConfig.ModelFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_any_folder_is_read_naming_the_setting()
    {
        var empty = await Assert.ThrowsAnyAsync<ArgumentException>(() => ServedClassifier.CreateAsync(new ClassifierOptions()));
        var batch = await Assert.ThrowsAnyAsync<ArgumentException>(() => ServedClassifier.CreateAsync(Fixtures.Options(baseline.Directory) with { MaxBatchSize = 0 }));

        Assert.Equal(nameof(ClassifierOptions.ModelDirectory), empty.ParamName);
        Assert.Equal(nameof(ClassifierOptions.MaxBatchSize), batch.ParamName);
    }

    private static WindowFitView View(Core.Chunking.WindowFit fit) => new(fit.Tokens, fit.Windows, fit.WindowSize, fit.Overlap, fit.MaxWindows, fit.Fits);

    private sealed record WindowFitView(int Tokens, int Windows, int WindowSize, int Overlap, int MaxWindows, bool Fits);

    private sealed class CountingObserver : IBatchObserver
    {
        private int _sequences;

        public int Sequences => Volatile.Read(ref _sequences);

        public void OnBatch(TokenBatch batch) => Interlocked.Add(ref _sequences, batch.Count);
    }
}
