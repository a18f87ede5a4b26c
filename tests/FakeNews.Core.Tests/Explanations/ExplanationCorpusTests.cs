using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Core.Tests.Tokenization;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Tests.Explanations;

public sealed class ExplanationCorpusTests
{
    [SkippableFact]
    public void Every_adversarial_and_data_text_plans_units_that_slice_it_and_whose_ids_add_up()
    {
        var tokenizer = BertWordPieceTokenizer.Create(Path.Combine(RepositoryPaths.Root, "models", "minilm-news-v2", "vocab.txt"));
        var texts = TokenizerCorpus.AdversarialTexts().Concat(TokenizerCorpus.DataTexts()).ToList();
        var sentencePlans = 0;

        foreach (var text in texts)
        {
            // Plan itself fails when the units' ids do not add up to the input's ids.
            var plan = ExplanationPlanner.Plan(tokenizer, new ClassificationRequest(text), windowSize: 254);
            sentencePlans += plan.Granularity == AttributionGranularity.Sentence ? 1 : 0;
            var previousEnd = 0;
            foreach (var unit in plan.Units)
            {
                Assert.True(unit.Text == text[unit.Start..unit.End], $"unit [{unit.Start},{unit.End}) of {text[..Math.Min(60, text.Length)]}");
                Assert.True(unit.TokenStart >= previousEnd && unit.TokenEnd > unit.TokenStart);
                previousEnd = unit.TokenEnd;
            }
        }

        Assert.True(sentencePlans > 100, $"only {sentencePlans} texts were long enough for sentences");
    }
}
