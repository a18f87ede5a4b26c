using FakeNews.Baseline.Serving;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Baseline.Tests;

public sealed class ExplainTests(TrainedFixture trained) : IClassFixture<TrainedFixture>
{
    [Fact]
    public async Task The_baseline_explains_each_word_and_field_by_the_p_fake_drop_when_it_is_deleted()
    {
        await using var served = await BaselineClassifier.CreateAsync(trained.Directory);
        const string text = "Says the governor cut school funding by half, again!";
        var request = new ClassificationRequest(text, "Budget", new ArticleMetadata(Speaker: "scott-walker", Party: "republican"));

        var explanation = await DeletionExplainer.ExplainAsync(served, request);

        var full = await served.ClassifyAsync(request);
        Assert.Equal(full.PFake, explanation.Result.PFake);
        Assert.Equal(["speaker", "party"], explanation.Attributions.Where(a => a.Source == AttributionSources.Metadata).Select(a => a.Field));
        Assert.Equal(["Budget"], explanation.Attributions.Where(a => a.Source == AttributionSources.Title).Select(a => a.Text));
        var words = explanation.Attributions.Where(a => a.Source == AttributionSources.Text).ToList();
        Assert.Equal(["Says", "the", "governor", "cut", "school", "funding", "by", "half", "again"], words.Select(a => a.Text));
        foreach (var word in words)
        {
            Assert.Equal(word.Text, text[word.Start..word.End]);
            var without = await served.ClassifyAsync(request with { Text = text[..word.Start] + text[word.End..] });
            Assert.Equal(full.PFake - without.PFake, word.Weight, 1e-6f);
        }

        var speaker = await served.ClassifyAsync(request with { Metadata = new ArticleMetadata(Party: "republican") });
        Assert.Equal(full.PFake - speaker.PFake, explanation.Attributions[0].Weight, 1e-6f);
    }

    [Fact]
    public async Task The_baseline_fails_to_explain_an_empty_text_as_it_fails_to_classify_it()
    {
        await using var served = await BaselineClassifier.CreateAsync(trained.Directory);

        var plain = await Assert.ThrowsAsync<ClassificationException>(() => served.ClassifyAsync(new ClassificationRequest(" ")));
        var explained = await Assert.ThrowsAsync<ClassificationException>(() => DeletionExplainer.ExplainAsync(served, new ClassificationRequest(" ")));

        Assert.Equal((plain.Kind, plain.Message), (explained.Kind, explained.Message));
    }
}
