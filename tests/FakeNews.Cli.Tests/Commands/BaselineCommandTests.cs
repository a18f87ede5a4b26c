using System.Globalization;
using System.Text.Json;
using FakeNews.Core.Data;
using FakeNews.Baseline.Serving;

namespace FakeNews.Cli.Tests.Commands;

/// <summary><c>fakenews train-baseline</c>, then <c>predict</c> and <c>eval</c> on the folder it writes, on the LIAR fixtures of the baseline's tests.</summary>
public sealed class BaselineCommandTests
{
    private static string TrainPath => TestPaths.Baseline("liar-train.tsv");

    private static string ValidPath => TestPaths.Baseline("liar-valid.tsv");

    [Fact]
    public async Task Train_baseline_writes_a_folder_that_predict_and_eval_serve_with_the_trainers_numbers()
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("fakenews-baseline-cli-").FullName, "baseline-fixture");
        var (code, stdout, stderr) = await CliRun.RunAsync(
            "train-baseline", "--data", TrainPath, "--valid", ValidPath, "--out", model, "--trees", "20", "--rounds", "20", "--seed", "5");
        Assert.True(code == 0, stderr);
        Assert.Contains("model: ", stdout);
        foreach (var file in new[] { "config.json", "model.zip", "speaker_history.json", "training_report.json", "MODEL_CARD.md" })
        {
            Assert.True(File.Exists(Path.Combine(model, file)), file);
        }

        var card = await File.ReadAllTextAsync(Path.Combine(model, "MODEL_CARD.md"));
        Assert.Contains("leaky count columns", card);
        Assert.Contains("LIAR (William Yang Wang", card);

        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "config.json")));
        Assert.Equal("MlNetBaseline", config.RootElement.GetProperty("architecture").GetString());
        var trainedAuc = config.RootElement.GetProperty("valid_metrics").GetProperty("roc_auc").GetDouble();

        var row = LiarTsv.Read(ValidPath)[0];
        (code, stdout, stderr) = await CliRun.RunAsync(
            "predict", row.Statement, "--speaker", row.Speaker, "--job", row.Job, "--party", row.Party, "--state", row.State,
            "--subject", row.Subject, "--context", row.Context, "--model", model, "--json");
        Assert.True(code == 0, stderr);
        await using (var classifier = await BaselineClassifier.CreateAsync(model))
        {
            var direct = await classifier.ClassifyAsync(row.ToRequest());
            using var predicted = JsonDocument.Parse(stdout);
            Assert.Equal(direct.PFake, predicted.RootElement.GetProperty("p_fake").GetSingle(), 5);
        }

        var evalDir = Path.Combine(Directory.CreateTempSubdirectory("fakenews-baseline-cli-").FullName, "eval");
        (code, stdout, stderr) = await CliRun.RunAsync("eval", "--data", ValidPath, "--metadata", "--model", model, "--out", evalDir, "--bootstrap", "50");
        Assert.True(code == 0, stderr);
        var auc = double.Parse(stdout.Split("roc_auc ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.Equal(Math.Round(trainedAuc, 4), auc, 4);
    }

    [Fact]
    public async Task Train_baseline_without_valid_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRun.RunAsync("train-baseline", "--data", TrainPath, "--out", Directory.CreateTempSubdirectory("fakenews-baseline-cli-").FullName);
        Assert.Equal(2, code);
        Assert.Contains("--valid", stderr);
    }

    [Fact]
    public async Task Train_baseline_names_an_unknown_trainer()
    {
        var (code, _, stderr) = await CliRun.RunAsync(
            "train-baseline", "--data", TrainPath, "--valid", ValidPath, "--out", Directory.CreateTempSubdirectory("fakenews-baseline-cli-").FullName, "--algorithms", "svm");
        Assert.Equal(2, code);
        Assert.Contains("unknown trainer 'svm'", stderr);
    }

}
