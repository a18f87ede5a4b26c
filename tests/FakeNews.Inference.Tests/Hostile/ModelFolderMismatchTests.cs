using FakeNews.Core.Classification;
using FakeNews.Inference;

namespace FakeNews.Inference.Tests.Hostile;

/// <summary>A model folder whose parts disagree fails at load; a graph that computes garbage never gives a verdict.</summary>
public sealed class ModelFolderMismatchTests
{
    [Theory]
    [InlineData("nan-logits.onnx")]
    [InlineData("inf-logits.onnx")]
    public async Task Non_finite_logits_are_a_backend_failure_never_a_verdict(string graph)
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase(graph));
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory));

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest("Taxes rose last year.")));

        Assert.Equal(ErrorKind.BackendFailure, error.Kind);
        Assert.Contains("non-finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_finite_logits_fail_a_many_request_call_with_a_backend_failure()
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase("inf-logits.onnx"));
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory));

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyManyAsync([new ClassificationRequest("one"), new ClassificationRequest("two")]));

        Assert.Equal(ErrorKind.BackendFailure, error.Kind);
    }

    [Fact]
    public async Task Vocabulary_larger_than_the_embedding_table_fails_at_load_in_the_warm_up()
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase("small-embedding.onnx"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("warm-up", error.Message, StringComparison.Ordinal);
        Assert.Contains("1390", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_vocab_size_that_disagrees_with_vocab_txt_fails_at_load_naming_both_numbers()
    {
        using var model = new TempModel();
        model.EditConfig(c => c["vocab_size"] = 30522);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("30522", error.Message, StringComparison.Ordinal);
        Assert.Contains("1391", error.Message, StringComparison.Ordinal);
        Assert.Contains("vocab.txt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixed-sequence.onnx", "sequence", "64")]
    [InlineData("fixed-batch.onnx", "batch", "4")]
    public async Task Fixed_input_dimension_fails_at_load_naming_it(string graph, string dimension, string size)
    {
        using var model = new TempModel();
        model.ReplaceOnnx(Fixtures.EdgeCase(graph));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains($"fixed {dimension} dimension of {size}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'input_ids'", error.Message, StringComparison.Ordinal);
    }
}
