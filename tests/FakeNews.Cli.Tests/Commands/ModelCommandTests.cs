using System.Text.Json;
using FakeNews.Core.Models;

namespace FakeNews.Cli.Tests.Commands;

public sealed class ModelCommandTests
{
    private static readonly string Model = TestPaths.TinyModel;

    [Fact]
    public async Task Predict_json_has_the_documented_schema_and_consistent_values()
    {
        var run = await CliRun.RunAsync("predict", "Says the moon landing was staged in a studio.", "--title", "Breaking", "--speaker", "someone", "--json", "--model", Model, "--device", "cpu");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(
            ["label", "p_fake", "probabilities", "tokens", "chunks", "windows", "model", "latency_ms", "threshold"],
            root.EnumerateObject().Select(p => p.Name));
        var pFake = root.GetProperty("p_fake").GetDouble();
        Assert.InRange(pFake, 0, 1);
        Assert.Equal(0.5, root.GetProperty("threshold").GetDouble());
        Assert.Equal(pFake >= 0.5 ? "fake" : "real", root.GetProperty("label").GetString());
        Assert.Equal(1.0, root.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble()), 5);
        Assert.Equal(pFake, root.GetProperty("probabilities").GetProperty("fake").GetDouble(), 6);
        Assert.Equal("tiny-distilbert@1.0.0", root.GetProperty("model").GetString());
        Assert.Equal(1, root.GetProperty("chunks").GetInt32());
        var window = Assert.Single(root.GetProperty("windows").EnumerateArray());
        Assert.Equal(root.GetProperty("tokens").GetInt32(), window.GetProperty("token_count").GetInt32());
    }

    [Fact]
    public async Task Predict_reads_stdin_for_a_dash_and_gives_the_same_verdict_as_the_argument()
    {
        const string text = "The unemployment rate fell to 3.5 percent in September.";
        var fromStdin = await CliRun.RunAsync(["predict", "-", "--model", Model, "--device", "cpu"], stdin: text);
        var fromArgument = await CliRun.RunAsync("predict", text, "--model", Model, "--device", "cpu");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Matches(@"^(fake|real) p_fake=0\.\d{4} tokens=\d+ chunks=1 model=tiny-distilbert@1\.0\.0\n$", fromStdin.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(fromArgument.Stdout, fromStdin.Stdout);
    }

    [Fact]
    public async Task Info_json_describes_the_model_and_the_provider_in_use()
    {
        var run = await CliRun.RunAsync("info", "--json", "--model", Model, "--device", "cpu");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("tiny-distilbert", root.GetProperty("name").GetString());
        Assert.Equal("1.0.0", root.GetProperty("version").GetString());
        Assert.Equal(["real", "fake"], root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(128, root.GetProperty("max_length").GetInt32());
        Assert.Equal(["input_ids", "attention_mask"], root.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("CPU", root.GetProperty("execution_provider").GetString());
        Assert.Equal("1.31.0", root.GetProperty("onnx_runtime_version").GetString());
    }

    [Fact]
    public async Task Info_text_shows_the_max_length_in_use()
    {
        var run = await CliRun.RunAsync("info", "--model", Model, "--device", "cpu", "--max-length", "40");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("model:              tiny-distilbert@1.0.0", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("max length:         40", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_length_above_the_models_is_a_usage_error_naming_the_option()
    {
        var run = await CliRun.RunAsync("info", "--model", Model, "--device", "cpu", "--max-length", "4096");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("fakenews: error: --max-length: ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("predict", "some claim")]
    [InlineData("score", "some-folder", "--out", "never-written.jsonl")]
    [InlineData("tokenize", "--in", "{self}", "--out", "never-written.jsonl")]
    public async Task Missing_model_folder_exits_with_4_naming_the_folder(params string[] args)
    {
        var missing = Path.Combine(Path.GetTempPath(), "fakenews-no-such-model-" + Guid.NewGuid().ToString("N"));
        var run = await CliRun.RunAsync([.. args.Select(a => a == "{self}" ? typeof(ModelCommandTests).Assembly.Location : a), "--model", missing]);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists("never-written.jsonl"));
    }

    [Fact]
    public async Task Model_folder_without_onnx_file_exits_with_4()
    {
        using var temp = new TempFolder();
        foreach (var file in new[] { "config.json", "vocab.txt" })
        {
            File.Copy(Path.Combine(Model, file), Path.Combine(temp.Path, file));
        }

        var run = await CliRun.RunAsync("info", "--model", temp.Path);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("model.onnx", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_cuda_exits_with_5_when_cuda_is_unavailable_and_runs_on_cuda_otherwise()
    {
        var auto = await CliRun.RunAsync("info", "--json", "--model", Model, "--device", "auto");
        var cudaPresent = JsonDocument.Parse(auto.Stdout).RootElement.GetProperty("execution_provider").GetString() == "CUDA";

        var run = await CliRun.RunAsync("info", "--json", "--model", Model, "--device", "cuda");
        if (cudaPresent)
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("CUDA", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("execution_provider").GetString());
        }
        else
        {
            Assert.Equal(5, run.ExitCode);
            Assert.Contains("fakenews: error: Device 'cuda' was requested", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Tokenize_writes_cls_ids_sep_truncated_to_max_length_and_flags_bad_lines()
    {
        using var temp = new TempFolder();
        var input = temp.File("in.jsonl", string.Join('\n',
            """{"id": "short", "text": "The senate passed the bill."}""",
            """{"id": 2, "text": "A much longer text that will certainly need truncation to a handful of tokens."}""",
            """{"text": 5}""",
            "",
            "not json") + "\n");
        var output = Path.Combine(temp.Path, "out.jsonl");

        var run = await CliRun.RunAsync("tokenize", "--in", input, "--out", output, "--model", Model, "--max-length", "8");

        Assert.Equal(3, run.ExitCode);
        var tokenizer = ModelFolder.Load(Model).Tokenizer;
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("short", lines[0].GetProperty("id").GetString());
        var ids = lines[0].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(tokenizer.Encode("The senate passed the bill.", 8).InputIds, ids);
        Assert.Equal(tokenizer.ClsId, ids[0]);
        Assert.Equal(tokenizer.SepId, ids[^1]);
        Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
        Assert.Equal(8, lines[1].GetProperty("ids").GetArrayLength());
        Assert.Equal($"{input}#3", lines[2].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("ids").ValueKind);
        Assert.Equal($"{input}#5", lines[3].GetProperty("id").GetString());
        Assert.StartsWith("malformed: not valid JSON", lines[3].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokenize_defaults_to_the_models_max_length()
    {
        using var temp = new TempFolder();
        var input = temp.File("in.jsonl", $$"""{"id": "long", "text": "{{string.Join(' ', Enumerable.Repeat("senate", 500))}}"}""");
        var output = Path.Combine(temp.Path, "out.jsonl");
        var run = await CliRun.RunAsync("tokenize", "--in", input, "--out", output, "--model", Model);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(128, JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("ids").GetArrayLength());
    }
}
