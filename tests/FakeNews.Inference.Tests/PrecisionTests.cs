using FakeNews.Core.Classification;
using FakeNews.Inference;

namespace FakeNews.Inference.Tests;

/// <summary>Which graph a classifier opens: under precision auto, model.int8.onnx on CPU and model.fp16.onnx on CUDA when present, model.onnx otherwise.</summary>
public sealed class PrecisionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fakenews-precision-" + Guid.NewGuid().ToString("N"));

    public PrecisionTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(Fixtures.Model("tiny-distilbert")))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void AddInt8() =>
        File.Copy(Path.Combine(Fixtures.Model("tiny-distilbert-int8"), "model.int8.onnx"), Path.Combine(_folder, "model.int8.onnx"));

    private void AddFp16() =>
        File.Copy(Path.Combine(Fixtures.Model("tiny-distilbert-fp16"), "model.fp16.onnx"), Path.Combine(_folder, "model.fp16.onnx"));

    private ClassifierOptions Options(ModelPrecision precision) =>
        new() { ModelDirectory = _folder, Device = ExecutionDevice.Cpu, Precision = precision, IntraOpThreads = 1 };

    [Fact]
    public async Task Auto_on_cpu_runs_the_int8_graph_when_the_folder_has_one_and_its_scores_stay_close_to_fp32()
    {
        AddInt8();
        await using var classifier = await FakeNewsClassifier.CreateAsync(Options(ModelPrecision.Auto));

        Assert.Equal("int8", classifier.Model.Precision);
        var golden = Fixtures.Golden("tiny-distilbert");
        foreach (var @case in golden)
        {
            var result = await classifier.ClassifyAsync(new ClassificationRequest(@case.ModelInput));
            var reference = Calibration.Softmax(@case.Logits, 1.0f)[1];
            Assert.InRange(result.PFake, reference - 0.03f, reference + 0.03f);
        }
    }

    [Fact]
    public async Task Auto_without_an_int8_file_and_explicit_fp32_run_model_onnx()
    {
        await using (var auto = await FakeNewsClassifier.CreateAsync(Options(ModelPrecision.Auto)))
        {
            Assert.Equal("fp32", auto.Model.Precision);
        }

        AddInt8();
        await using var fp32 = await FakeNewsClassifier.CreateAsync(Options(ModelPrecision.Fp32));
        Assert.Equal("fp32", fp32.Model.Precision);
    }

    [Fact]
    public async Task Explicit_fp16_runs_the_float16_graph_on_cpu_and_its_scores_stay_close_to_fp32()
    {
        AddFp16();
        await using var classifier = await FakeNewsClassifier.CreateAsync(Options(ModelPrecision.Fp16));

        Assert.Equal("fp16", classifier.Model.Precision);
        foreach (var @case in Fixtures.Golden("tiny-distilbert"))
        {
            var result = await classifier.ClassifyAsync(new ClassificationRequest(@case.ModelInput));
            var reference = Calibration.Softmax(@case.Logits, 1.0f)[1];
            Assert.InRange(result.PFake, reference - 0.03f, reference + 0.03f);
        }
    }

    [Fact]
    public void Auto_picks_fp16_on_cuda_and_int8_on_cpu_each_only_when_present()
    {
        var folder = Core.Models.ModelFolder.Load(_folder);
        Assert.Equal("fp32", ModelGraph.Select(folder, ModelPrecision.Auto, onCuda: true).Precision);
        Assert.Equal("fp32", ModelGraph.Select(folder, ModelPrecision.Auto, onCuda: false).Precision);

        AddFp16();
        AddInt8();
        Assert.Equal("fp16", ModelGraph.Select(folder, ModelPrecision.Auto, onCuda: true).Precision);
        Assert.Equal("int8", ModelGraph.Select(folder, ModelPrecision.Auto, onCuda: false).Precision);
        Assert.Equal("fp32", ModelGraph.Select(folder, ModelPrecision.Fp32, onCuda: true).Precision);
        Assert.EndsWith("model.fp16.onnx", ModelGraph.Select(folder, ModelPrecision.Fp16, onCuda: false).Path);
    }

    [Theory]
    [InlineData(ModelPrecision.Int8, "model.int8.onnx")]
    [InlineData(ModelPrecision.Fp16, "model.fp16.onnx")]
    public async Task An_explicit_precision_whose_file_is_missing_fails_naming_the_file(ModelPrecision precision, string file)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Options(precision)));

        Assert.Contains(file, error.Message);
        Assert.Contains(_folder, error.Message);
    }

    [Fact]
    public void The_raw_runner_opens_the_same_graph_as_the_classifier()
    {
        AddInt8();
        using var runner = RawBatchRunner.Open(Options(ModelPrecision.Auto));

        Assert.Equal("int8", runner.Precision);
        Assert.Equal("CPU", runner.Provider);
        var logits = runner.Run(new Core.Batching.TokenBatch([[runner.Folder.Tokenizer.ClsId, runner.Folder.Tokenizer.SepId]]));
        Assert.Equal(2, logits[0].Length);
    }
}
