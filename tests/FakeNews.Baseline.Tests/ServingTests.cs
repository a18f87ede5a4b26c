using FakeNews.Baseline.Serving;
using FakeNews.Baseline.Training;
using FakeNews.Core.Classification;

namespace FakeNews.Baseline.Tests;

public sealed class ServingTests(TrainedFixture trained) : IClassFixture<TrainedFixture>
{
    [Fact]
    public void Training_keeps_the_leak_free_candidate_with_the_best_valid_auc_and_measures_both_ablations()
    {
        var run = trained.Run;
        Assert.Equal(2, run.Candidates.Count);
        Assert.All(run.Candidates, c => Assert.Equal(HistorySource.LeakFree, c.History));
        Assert.Equal(run.Candidates.Max(c => c.Valid.RocAuc), run.Best.Valid.RocAuc);
        Assert.Equal([HistorySource.LeakyColumns, HistorySource.None], run.Ablations.Select(a => a.History));
        Assert.All(run.Ablations, a => Assert.Equal(run.Best.Algorithm, a.Algorithm));
        Assert.All(run.Candidates.Concat(run.Ablations), m => Assert.Equal(TestData.Valid.Count, m.ValidPFake.Count));
    }

    [Fact]
    public async Task Served_path_gives_exactly_the_trainers_valid_probabilities()
    {
        await using var served = await BaselineClassifier.CreateAsync(trained.Directory);
        for (var i = 0; i < TestData.Valid.Count; i++)
        {
            var result = await served.ClassifyAsync(TestData.Valid[i].ToRequest());
            Assert.Equal(trained.Run.Best.ValidPFake[i], result.PFake, 6);
        }
    }

    [Theory]
    [InlineData(BaselineAlgorithm.FastForest)]
    [InlineData(BaselineAlgorithm.LightGbm)]
    public async Task Each_trainer_survives_a_save_and_load_round_trip(BaselineAlgorithm algorithm)
    {
        var model = trained.Run.Candidates.Single(c => c.Algorithm == algorithm);
        var directory = TestData.TempDirectory();
        var config = new BaselineConfig { Name = "round-trip", Version = "2.0.0", Trainer = algorithm.ToString(), Threshold = 0.4f };
        BaselineModel.Save(directory, config, model, trained.Run.History);

        var loaded = BaselineModel.Load(directory);
        Assert.Equal((config.Id, config.Trainer, config.Threshold), (loaded.Config.Id, loaded.Config.Trainer, loaded.Config.Threshold));
        Assert.Equal(config.Labels, loaded.Config.Labels);
        await using var classifier = await BaselineClassifier.CreateAsync(directory);
        var served = new List<float>();
        foreach (var row in TestData.Valid)
        {
            served.Add((await classifier.ClassifyAsync(row.ToRequest())).PFake);
        }

        Assert.Equal(model.ValidPFake, served);
    }

    [Fact]
    public async Task Results_carry_the_label_by_threshold_both_probabilities_and_the_model_id()
    {
        await using var classifier = await BaselineClassifier.CreateAsync(trained.Directory);
        var result = await classifier.ClassifyAsync(new ClassificationRequest("Secret hoax banned millions.", "Title"));
        Assert.Equal(result.PFake >= 0.5f ? "fake" : "real", result.Label);
        Assert.Equal(1f, result.Probabilities["fake"] + result.Probabilities["real"], 5);
        Assert.Equal("baseline-fixture@0.0.1", result.Model);
        Assert.Equal(5, result.Tokens);
        var chunk = Assert.Single(result.Chunks);
        Assert.Equal(result.PFake, chunk.PFake);
        Assert.Equal("ML.NET CPU", classifier.Model.ExecutionProvider);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_results_as_sequential_ones()
    {
        await using var classifier = await BaselineClassifier.CreateAsync(trained.Directory);
        var requests = TestData.Valid.Select(r => r.ToRequest()).ToList();
        var sequential = new List<float>();
        foreach (var request in requests)
        {
            sequential.Add((await classifier.ClassifyAsync(request)).PFake);
        }

        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => requests)
            .Select(r => Task.Run(() => classifier.ClassifyAsync(r))));
        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % requests.Count], parallel[i].PFake);
        }
    }

    [Fact]
    public async Task Empty_text_is_invalid_input_and_a_disposed_classifier_is_not_ready()
    {
        var classifier = await BaselineClassifier.CreateAsync(trained.Directory);
        var invalid = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest("  ")));
        Assert.Equal(ErrorKind.InvalidInput, invalid.Kind);
        await classifier.DisposeAsync();
        var disposed = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest("x")));
        Assert.Equal(ErrorKind.NotReady, disposed.Kind);
    }

    [Theory]
    [InlineData(BaselineConfig.ModelFileName)]
    [InlineData(BaselineConfig.HistoryFileName)]
    [InlineData(BaselineConfig.ConfigFileName)]
    public void A_folder_missing_a_file_fails_to_load_naming_it(string file)
    {
        var directory = TestData.TempDirectory();
        foreach (var source in System.IO.Directory.GetFiles(trained.Directory))
        {
            File.Copy(source, Path.Combine(directory, Path.GetFileName(source)));
        }

        File.Delete(Path.Combine(directory, file));
        var error = Assert.Throws<InvalidDataException>(() => BaselineModel.Load(directory));
        Assert.Contains($"missing the file '{file}'", error.Message);
    }

    [Fact]
    public void A_config_without_the_fake_label_is_rejected()
    {
        var directory = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(directory, "config.json"), """{ "name": "x", "version": "1", "architecture": "MlNetBaseline", "trainer": "LightGbm", "labels": ["a", "b"] }""");
        var error = Assert.Throws<InvalidDataException>(() => BaselineConfig.Load(directory));
        Assert.Contains("'labels'", error.Message);
    }

    [Fact]
    public void Only_a_folder_whose_config_names_the_baseline_architecture_is_a_baseline_folder()
    {
        Assert.False(BaselineConfig.IsBaselineFolder(TinyDistilBert));
        Assert.True(BaselineConfig.IsBaselineFolder(trained.Directory));
    }

    private static string TinyDistilBert
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "tiny-distilbert");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("tests/fixtures/tiny-distilbert not found above the test output folder.");
        }
    }
}
