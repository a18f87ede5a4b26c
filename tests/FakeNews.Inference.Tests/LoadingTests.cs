using FakeNews.Core.Classification;
using FakeNews.Inference;
using Microsoft.Extensions.Logging;

namespace FakeNews.Inference.Tests;

public class LoadingTests
{
    [Theory]
    [InlineData("tiny-distilbert", new[] { "input_ids", "attention_mask" })]
    [InlineData("tiny-bert", new[] { "input_ids", "attention_mask", "token_type_ids" })]
    public async Task Fixture_loads_discovers_its_inputs_and_reports_the_model(string fixture, string[] inputs)
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model(fixture)));

        Assert.Equal(inputs, classifier.Model.Inputs);
        Assert.Equal(fixture, classifier.Model.Name);
        Assert.Equal($"{fixture}@1.0.0", classifier.Model.Id);
        Assert.Equal(["real", "fake"], classifier.Model.Labels);
        Assert.Equal(128, classifier.Model.MaxLength);
        Assert.Equal("CPU", classifier.Model.ExecutionProvider);
        Assert.Matches(@"^\d+\.\d+\.\d+", classifier.Model.RuntimeVersion);
    }

    [Theory]
    [InlineData("tiny-distilbert")]
    [InlineData("tiny-bert")]
    public async Task Scores_match_the_reference_logits_of_the_golden_file(string fixture)
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model(fixture)));

        foreach (var golden in Fixtures.Golden(fixture))
        {
            var result = await classifier.ClassifyAsync(new ClassificationRequest(golden.ModelInput));

            // The first window holds the first max_length - 2 tokens: exactly the reference's truncated sequence.
            var expected = Calibration.Softmax(golden.Logits, 1f)[1];
            Assert.Equal(expected, result.Chunks[0].PFake, 1e-5f);
            if (golden.InputIds.Length < 128)
            {
                Assert.Equal(golden.InputIds.Length - 2, result.Tokens);
                Assert.Single(result.Chunks);
                Assert.Equal(expected, result.PFake, 1e-5f);
                Assert.Equal(1 - expected, result.Probabilities["real"], 1e-5f);
                Assert.Equal(expected >= 0.5f ? "fake" : "real", result.Label);
            }
        }
    }

    [Fact]
    public async Task Device_cuda_fails_with_a_clear_message_when_cuda_cannot_load()
    {
        try
        {
            await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model("tiny-distilbert"), ExecutionDevice.Cuda));

            // Only on a machine where CUDA loads: then it must really be in use.
            Assert.Equal("CUDA", classifier.Model.ExecutionProvider);
        }
        catch (InvalidOperationException error)
        {
            Assert.Contains("Device 'cuda' was requested", error.Message);
            Assert.Contains("CUDA execution provider of ONNX Runtime could not be loaded", error.Message);
            Assert.NotNull(error.InnerException);
            Assert.Contains(error.InnerException!.Message.Split('\n')[0], error.Message);
        }
    }

    [Fact]
    public async Task Device_auto_uses_cuda_or_falls_back_to_cpu_with_one_warning()
    {
        var logs = new RecordingLoggerFactory();

        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model("tiny-distilbert"), ExecutionDevice.Auto), logs);
        var result = await classifier.ClassifyAsync(new ClassificationRequest("The moon is made of cheese."));

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        if (classifier.Model.ExecutionProvider == "CPU")
        {
            var warning = Assert.Single(warnings);
            Assert.Contains("CUDA is not available", warning.Message);
            Assert.Contains("running on CPU", warning.Message);
        }
        else
        {
            Assert.Equal("CUDA", classifier.Model.ExecutionProvider);
            Assert.Empty(warnings);
        }

        Assert.InRange(result.PFake, 0f, 1f);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Loaded model tiny-distilbert@1.0.0"));
    }

    [Fact]
    public async Task Device_cpu_logs_no_warning()
    {
        var logs = new RecordingLoggerFactory();

        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model("tiny-distilbert")), logs);

        Assert.Equal("CPU", classifier.Model.ExecutionProvider);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Label_count_that_disagrees_with_the_logits_fails_at_load_naming_both_numbers()
    {
        using var model = new TempModel();
        model.EditConfig(c => c["labels"] = new System.Text.Json.Nodes.JsonArray("real", "fake", "satire"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("2 logits per row", error.Message);
        Assert.Contains("3 labels", error.Message);
    }

    [Fact]
    public async Task Label_count_mismatch_with_a_dynamic_logits_width_fails_at_warm_up()
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase("dynamic-logits.onnx"));
        model.EditConfig(c => c["labels"] = new System.Text.Json.Nodes.JsonArray("real", "fake", "satire"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("2 logits per row", error.Message);
        Assert.Contains("3 labels", error.Message);
    }

    [Fact]
    public async Task Dynamic_logits_width_that_matches_loads()
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase("dynamic-logits.onnx"));

        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory));

        Assert.Equal(["input_ids", "attention_mask"], classifier.Model.Inputs);
    }

    [Fact]
    public async Task Unknown_input_fails_at_load_naming_it()
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase("unknown-input.onnx"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("'position_ids'", error.Message);
        Assert.Contains("not supported", error.Message);
    }

    [Fact]
    public async Task Missing_logits_output_fails_at_load_listing_the_outputs()
    {
        using var model = new TempModel();
        model.EditConfig(c => c["outputs"] = new System.Text.Json.Nodes.JsonArray("scores"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("no output 'scores'", error.Message);
        Assert.Contains("logits", error.Message);
    }

    [Fact]
    public async Task Corrupt_onnx_file_fails_at_load_naming_it()
    {
        using var model = new TempModel();
        File.WriteAllText(Path.Combine(model.Directory, "model.onnx"), "not a model");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("model.onnx", error.Message);
        Assert.Contains("could not be loaded", error.Message);
    }

    [Fact]
    public async Task Bad_model_folder_surfaces_the_model_folder_error()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options("/no/such/model")));

        Assert.Contains("/no/such/model", error.Message);
    }
}
