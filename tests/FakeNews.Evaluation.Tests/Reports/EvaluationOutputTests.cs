using System.Text.Json;
using FakeNews.Evaluation.Reports;

namespace FakeNews.Evaluation.Tests.Reports;

public sealed class EvaluationOutputTests
{
    [Fact]
    public async Task Metrics_json_has_exactly_the_agreed_top_level_fields()
    {
        var result = await FixtureRun.EvaluateAsync(TestPaths.TinyModel);
        using var json = JsonDocument.Parse(MetricsFile.ToJson(result));

        Assert.Equal(
            ["n", "accuracy", "roc_auc", "pr_auc", "f1_fake", "precision_fake", "recall_fake", "f1_real", "macro_f1", "log_loss", "brier", "ece", "confusion", "ci95", "model", "data"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["tp", "fp", "tn", "fn"], json.RootElement.GetProperty("confusion").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["accuracy", "roc_auc"], json.RootElement.GetProperty("ci95").EnumerateObject().Select(p => p.Name));
        var accuracy = json.RootElement.GetProperty("ci95").GetProperty("accuracy").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), accuracy[0], accuracy[1]);
        Assert.Equal(60, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(result.Data.Sha256, json.RootElement.GetProperty("data").GetProperty("sha256").GetString());
        Assert.Equal("tiny-distilbert@1.0.0", json.RootElement.GetProperty("model").GetProperty("id").GetString());
        Assert.Equal(["id", "directory", "execution_provider", "precision", "threshold", "metadata_input"], json.RootElement.GetProperty("model").EnumerateObject().Select(p => p.Name));
        Assert.Equal("fp32", json.RootElement.GetProperty("model").GetProperty("precision").GetString());
    }

    [Fact]
    public async Task Predictions_round_trip_through_predictions_jsonl()
    {
        var result = await FixtureRun.EvaluateAsync(TestPaths.TinyModel);
        using var folder = new TempFolder();
        await EvaluationOutput.WriteAsync(folder.Path, result);

        var read = PredictionsFile.Read(folder.Combine(PredictionsFile.FileName));

        Assert.Equal(result.Predictions.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var (a, b) = (result.Predictions[i], read[i]);
            Assert.Equal((a.Example.Id, a.Example.IsFake, a.PredictedFake, (float)a.PFake, a.Tokens), (b.Example.Id, b.Example.IsFake, b.PredictedFake, (float)b.PFake, b.Tokens));
            Assert.Equal(a.Example.Keys, b.Example.Keys);
            Assert.Equal(a.Example.Text, b.Example.Text);
            Assert.Equal(a.Example.Metadata, b.Example.Metadata);
        }

        using var first = JsonDocument.Parse(File.ReadLines(folder.Combine(PredictionsFile.FileName)).First());
        Assert.Equal(["id", "label", "prediction", "p_fake", "correct", "tokens", "slices", "text", "metadata"], first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("21-40 words", first.RootElement.GetProperty("slices").GetProperty("length").GetString());
    }

    [Fact]
    public async Task Report_html_is_self_contained_with_the_four_charts_as_svg_data_uris()
    {
        var result = await FixtureRun.EvaluateAsync(TestPaths.TinyModel);

        var html = HtmlReport.Render(result, ["Scored in 0.1 s."]);

        Assert.Equal(4, html.Split("src=\"data:image/svg+xml;base64,").Length - 1);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        foreach (var section in new[] { "Headline metrics", "Confusion matrix", "Slices", "Most confident false negatives", "Least confident predictions" })
        {
            Assert.Contains($"<h2>{section}", html, StringComparison.Ordinal);
        }

        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(html.Split("base64,")[1].Split('"')[0]));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("ROC curve", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_lists_hold_the_most_confident_mistakes_and_the_least_confident_predictions()
    {
        var result = await FixtureRun.EvaluateAsync(TestPaths.TinyModel);
        var errors = result.Errors;

        Assert.All(errors.ConfidentFalseNegatives, p => Assert.True(p.Example.IsFake && !p.PredictedFake));
        Assert.All(errors.ConfidentFalsePositives, p => Assert.True(!p.Example.IsFake && p.PredictedFake));
        Assert.Equal(errors.ConfidentFalseNegatives.Select(p => p.PFake).Order(), errors.ConfidentFalseNegatives.Select(p => p.PFake));
        var fakeMissed = result.Predictions.Where(p => p.Example.IsFake && !p.PredictedFake).Min(p => p.PFake);
        Assert.Equal(fakeMissed, errors.ConfidentFalseNegatives[0].PFake);
        Assert.Equal(EvaluationAnalyzer.ErrorListSize, errors.LeastConfident.Count);
        var gap = errors.LeastConfident.Max(p => Math.Abs(p.PFake - 0.5));
        Assert.All(result.Predictions.Except(errors.LeastConfident), p => Assert.True(Math.Abs(p.PFake - 0.5) >= gap));
    }
}
