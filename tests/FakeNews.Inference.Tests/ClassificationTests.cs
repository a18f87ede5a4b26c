using System.Text.Json.Nodes;
using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;
using FakeNews.Inference;

namespace FakeNews.Inference.Tests;

public class ClassificationTests
{
    private static readonly string LongText = string.Join(" ", Fixtures.Golden("tiny-distilbert").Select(g => g.ModelInput));

    private static Task<FakeNewsClassifier> CreateAsync(string? directory = null, int? maxLength = null, int stride = 64, int maxWindows = 64) =>
        FakeNewsClassifier.CreateAsync(new ClassifierOptions
        {
            ModelDirectory = directory ?? Fixtures.Model("tiny-distilbert"),
            Device = ExecutionDevice.Cpu,
            IntraOpThreads = 1,
            MaxLength = maxLength,
            WindowStride = stride,
            MaxWindows = maxWindows,
            QueueCapacity = Math.Max(1024, maxWindows),
        });

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    public async Task Empty_or_whitespace_text_is_invalid_input(string text)
    {
        await using var classifier = await CreateAsync();

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(text)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task Text_without_readable_tokens_is_invalid_input()
    {
        await using var classifier = await CreateAsync();

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest("\u200b\u0001")));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Theory]
    [InlineData("https://www.example.com/news/2026/12/miracle-cure", "only a link")]
    [InlineData("Le gouvernement a annoncé une nouvelle loi sur les retraites hier soir.", "looks like French")]
    public async Task Link_only_or_foreign_language_text_is_invalid_input_unless_the_scope_check_is_off(string text, string reason)
    {
        await using var classifier = await CreateAsync();
        await using var unchecked_ = await FakeNewsClassifier.CreateAsync(new ClassifierOptions
        {
            ModelDirectory = Fixtures.Model("tiny-distilbert"),
            Device = ExecutionDevice.Cpu,
            IntraOpThreads = 1,
            CheckInputScope = false,
        });

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(text)));
        var explained = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ExplainAsync(new ClassificationRequest(text)));
        var result = await unchecked_.ClassifyAsync(new ClassificationRequest(text));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.InvalidInput, explained.Kind);
        Assert.InRange(result.PFake, 0f, 1f);
    }

    [Fact]
    public async Task Long_text_is_split_into_overlapping_windows_and_aggregated_by_token_weighted_mean()
    {
        await using var classifier = await CreateAsync(maxLength: 32, stride: 10);

        var result = await classifier.ClassifyAsync(new ClassificationRequest(LongText));

        var expected = TokenWindowPlanner.Plan(result.Tokens, windowSize: 30, overlap: 10, maxWindows: 64);
        Assert.True(expected.Count > 3);
        Assert.Equal(expected.Select(w => (w.Index, w.Start, w.Count)), result.Chunks.Select(c => (c.Index, c.StartToken, c.TokenCount)));
        var weighted = result.Chunks.Sum(c => (double)c.PFake * c.TokenCount) / result.Chunks.Sum(c => c.TokenCount);
        Assert.Equal((float)weighted, result.PFake, 1e-5f);
        Assert.Equal(1f, result.Probabilities["fake"] + result.Probabilities["real"], 1e-5f);
        Assert.True(result.Chunks.Select(c => c.PFake).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Default_overlap_is_capped_so_a_short_maximum_length_still_works()
    {
        await using var classifier = await CreateAsync(maxLength: 32, stride: 64);

        var result = await classifier.ClassifyAsync(new ClassificationRequest(LongText));

        Assert.Equal(15, classifier.WindowOverlap);
        Assert.Equal([0, 15, 30], result.Chunks.Take(3).Select(c => c.StartToken));
    }

    [Fact]
    public async Task Each_window_scores_like_its_tokens_classified_alone()
    {
        await using var windowed = await CreateAsync(maxLength: 32, stride: 10);
        var tokenizer = windowed.Folder.Tokenizer;
        var ids = tokenizer.TokenizeToIds(LongText);

        var result = await windowed.ClassifyAsync(new ClassificationRequest(LongText));

        // Window 0 is the text truncated to 30 tokens; the full-length model scores that same sequence.
        await using var full = await CreateAsync();
        var truncated = tokenizer.TokenizeToStrings(LongText).Take(30);
        var alone = await full.ClassifyAsync(new ClassificationRequest(string.Join(" ", truncated).Replace(" ##", "")));
        Assert.Equal(ids.Length, result.Tokens);
        Assert.Equal(30, alone.Tokens);
        Assert.Equal(alone.PFake, result.Chunks[0].PFake, 1e-5f);
    }

    [Fact]
    public async Task Text_needing_more_than_max_windows_is_too_long()
    {
        await using var classifier = await CreateAsync(maxLength: 16, stride: 0, maxWindows: 2);

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(LongText)));

        Assert.Equal(ErrorKind.TooLong, error.Kind);
        Assert.Contains("the limit is 2 windows", error.Message);
    }

    [Fact]
    public async Task Title_and_metadata_are_part_of_the_model_input()
    {
        await using var classifier = await CreateAsync();
        var request = new ClassificationRequest("Taxes went up.", "Budget news", new ArticleMetadata(Speaker: "a senator", Party: "none"));

        var result = await classifier.ClassifyAsync(request);
        var same = await classifier.ClassifyAsync(new ClassificationRequest(request.ModelInput()));
        var bare = await classifier.ClassifyAsync(new ClassificationRequest("Taxes went up."));

        Assert.Equal(classifier.Folder.Tokenizer.TokenizeToIds("speaker: a senator | party: none | claim: Budget news\n\nTaxes went up.").Length, result.Tokens);
        Assert.Equal(same.PFake, result.PFake);
        Assert.True(result.Tokens > bare.Tokens);
    }

    [Theory]
    [InlineData(0.0, "fake")]
    [InlineData(1.0, "real")]
    public async Task Threshold_from_the_config_decides_the_label(double threshold, string label)
    {
        using var model = new TempModel();
        model.EditConfig(c => c["threshold"] = threshold);
        await using var classifier = await CreateAsync(model.Directory);

        var result = await classifier.ClassifyAsync(new ClassificationRequest("Says the county library board closes branches."));

        Assert.Equal(label, result.Label);
    }

    [Fact]
    public async Task Temperature_from_the_config_calibrates_the_probabilities()
    {
        var golden = Fixtures.Golden("tiny-distilbert")[0];
        using var model = new TempModel();
        model.EditConfig(c => c["temperature"] = 2.5);
        await using var classifier = await CreateAsync(model.Directory);

        var result = await classifier.ClassifyAsync(new ClassificationRequest(golden.ModelInput));

        Assert.Equal(Calibration.Softmax(golden.Logits, 2.5f)[1], result.PFake, 1e-5f);
        Assert.NotEqual(Calibration.Softmax(golden.Logits, 1f)[1], result.PFake, 1e-3f);
    }

    [Fact]
    public async Task Each_input_kind_gets_its_own_calibration_and_threshold()
    {
        var golden = Fixtures.Golden("tiny-distilbert")[0];
        using var model = new TempModel();
        model.EditConfig(c => c["calibration"] = new JsonObject
        {
            ["kinds"] = new JsonObject
            {
                ["claim"] = new JsonObject { ["temperature"] = 2.5, ["bias"] = 0.5, ["threshold"] = 0.0 },
                ["headline"] = new JsonObject { ["temperature"] = 0.5, ["bias"] = -0.5, ["threshold"] = 1.0 },
                ["article"] = new JsonObject { ["temperature"] = 0.5, ["bias"] = -0.5, ["threshold"] = 1.0 },
                ["post"] = new JsonObject { ["temperature"] = 0.5, ["bias"] = -0.5, ["threshold"] = 1.0 },
            },
        });
        await using var classifier = await CreateAsync(model.Directory);
        var kind = InputKinds.Derive(golden.ModelInput, null, null);
        var (temperature, bias, label) = kind == InputKind.Claim ? (2.5f, 0.5f, "fake") : (0.5f, -0.5f, "real");

        var result = await classifier.ClassifyAsync(new ClassificationRequest(golden.ModelInput));

        Assert.Equal(kind, result.Kind);
        Assert.Equal(Calibration.Softmax(golden.Logits, temperature, bias, 1)[1], result.PFake, 1e-5f);
        Assert.Equal(label, result.Label);
        Assert.Equal(kind == InputKind.Claim ? 0f : 1f, result.Threshold);
    }

    [Fact]
    public void Bias_shifts_the_fake_logit_after_scaling()
    {
        var p = Calibration.Softmax([0.2f, 1.0f], 2f, -0.3f, 1)[1];

        Assert.Equal(1 / (1 + Math.Exp(-(((1.0 - 0.2) / 2) - 0.3))), p, 1e-6);
    }

    [Fact]
    public async Task Cancelled_request_throws_operation_cancelled()
    {
        await using var classifier = await CreateAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => classifier.ClassifyAsync(new ClassificationRequest("text"), cancellation.Token));
    }

    [Fact]
    public async Task Disposed_classifier_answers_not_ready()
    {
        var classifier = await CreateAsync();
        await classifier.DisposeAsync();

        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest("text")));

        Assert.Equal(ErrorKind.NotReady, error.Kind);
    }

    [Fact]
    public void Calibration_softmax_is_stable_and_sums_to_one()
    {
        var p = Calibration.Softmax([1000f, 999f], 1f);

        Assert.Equal(1f, p[0] + p[1], 1e-6f);
        Assert.Equal(1 / (1 + MathF.Exp(-1)), p[0], 1e-6f);
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.Softmax([1f], 0f));
    }
}
