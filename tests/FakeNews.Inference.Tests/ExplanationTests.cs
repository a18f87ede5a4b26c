using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Inference;

namespace FakeNews.Inference.Tests;

public class ExplanationTests
{
    private const string Claim = "Says the state budget grew by 40 percent, during her first term!";
    private static readonly string LongText = string.Join(". ", Fixtures.Golden("tiny-distilbert").Select(g => g.ModelInput.TrimEnd('.')));

    private static Task<FakeNewsClassifier> CreateAsync(int? maxLength = null, int maxWindows = 64) =>
        FakeNewsClassifier.CreateAsync(new ClassifierOptions
        {
            ModelDirectory = Fixtures.Model("tiny-distilbert"),
            Device = ExecutionDevice.Cpu,
            IntraOpThreads = 1,
            MaxLength = maxLength,
            WindowStride = 8,
            MaxWindows = maxWindows,
        });

    [Fact]
    public async Task The_explained_verdict_is_the_plain_verdict()
    {
        await using var classifier = await CreateAsync();
        var request = new ClassificationRequest(Claim, "Budget news", new ArticleMetadata(Speaker: "jane roe"));

        var plain = await classifier.ClassifyAsync(request);
        var explained = await classifier.ExplainAsync(request);

        Assert.Equal(plain.Label, explained.Result.Label);
        Assert.Equal(plain.PFake, explained.Result.PFake, 1e-5f);
        Assert.Equal(plain.Tokens, explained.Result.Tokens);
        Assert.Equal(AttributionGranularity.Word, explained.Granularity);
    }

    [Fact]
    public async Task A_word_weight_is_the_drop_in_p_fake_when_that_word_is_deleted_from_the_text()
    {
        await using var classifier = await CreateAsync();
        var full = await classifier.ClassifyAsync(new ClassificationRequest(Claim));

        var explained = await classifier.ExplainAsync(new ClassificationRequest(Claim));

        Assert.Equal(12, explained.Attributions.Count);
        foreach (var attribution in explained.Attributions)
        {
            Assert.Equal(attribution.Text, Claim[attribution.Start..attribution.End]);
            var without = await classifier.ClassifyAsync(new ClassificationRequest(Claim[..attribution.Start] + Claim[attribution.End..]));
            Assert.Equal(full.PFake - without.PFake, attribution.Weight, 1e-5f);
        }

        Assert.True(explained.Attributions.Select(a => a.Weight).Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_text_longer_than_one_window_is_explained_by_sentences_whose_offsets_slice_it()
    {
        await using var classifier = await CreateAsync(maxLength: 24);

        var explained = await classifier.ExplainAsync(new ClassificationRequest(LongText));

        Assert.True(explained.Result.Chunks.Count > 2);
        Assert.Equal(AttributionGranularity.Sentence, explained.Granularity);
        Assert.True(explained.Attributions.Count > 2);
        Assert.All(explained.Attributions, a => Assert.Equal(a.Text, LongText[a.Start..a.End]));
        Assert.Contains(explained.Attributions, a => a.Weight != 0);
    }

    [Fact]
    public async Task Many_explanations_equal_single_ones_in_request_order()
    {
        await using var classifier = await CreateAsync();
        ClassificationRequest[] requests = [new(Claim), new("Obama was born in Kenya."), new(LongText)];

        var many = await classifier.ExplainManyAsync(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            var single = await classifier.ExplainAsync(requests[i]);
            Assert.Equal(single.Attributions.Select(a => (a.Start, a.End)), many[i].Attributions.Select(a => (a.Start, a.End)));
            Assert.Equal(single.Attributions.Select(a => a.Weight), many[i].Attributions.Select(a => a.Weight), (x, y) => Math.Abs(x - y) < 1e-5f);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("\u200b\u0001")]
    public async Task Explaining_unusable_text_fails_exactly_as_classifying_it(string text)
    {
        await using var classifier = await CreateAsync();

        var plain = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(text)));
        var explained = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ExplainAsync(new ClassificationRequest(text)));

        Assert.Equal((plain.Kind, plain.Message), (explained.Kind, explained.Message));
    }

    [Fact]
    public async Task Explaining_a_text_over_the_window_limit_fails_exactly_as_classifying_it()
    {
        await using var classifier = await CreateAsync(maxLength: 16, maxWindows: 2);

        var plain = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(LongText)));
        var explained = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ExplainAsync(new ClassificationRequest(LongText)));

        Assert.Equal(ErrorKind.TooLong, explained.Kind);
        Assert.Equal(plain.Message, explained.Message);
    }
}
