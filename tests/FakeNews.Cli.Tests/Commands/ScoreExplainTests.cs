using System.Text.Json;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Tests.Commands;

public sealed class ScoreExplainTests
{
    private static readonly string Model = TestPaths.TinyModel;
    private static readonly string[] Texts =
    [
        "Says the governor cut school funding by half, again!",
        "Café owners say the 40% tax hike — «énorme» — passed in secret 🔥",
        "Crime went up.",
    ];

    private static string Inputs(TempFolder temp) =>
        temp.File("in/claims.jsonl", string.Join('\n', Texts.Select((t, i) => JsonSerializer.Serialize(new { id = $"c{i}", text = t }))) + "\n\"not an object\"\n");

    [Fact]
    public async Task Score_explain_adds_each_rows_strongest_units_strongest_first_with_offsets_into_its_text()
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "out.jsonl");

        var run = await CliRun.RunAsync("score", Inputs(temp), "--out", output, "--explain", "--model", Model, "--device", "cpu");

        Assert.Equal(3, run.ExitCode);
        var rows = File.ReadAllLines(output).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.Equal(4, rows.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            var units = rows[i].GetProperty("top_units").EnumerateArray().ToList();
            Assert.Equal(Math.Min(5, Texts[i].Split(' ').Length), units.Count);
            var weights = units.Select(u => Math.Abs(u.GetProperty("weight").GetDouble())).ToList();
            Assert.Equal(weights.OrderDescending(), weights);
            Assert.All(units, u => Assert.Equal(u.GetProperty("text").GetString(), Texts[i][u.GetProperty("start").GetInt32()..u.GetProperty("end").GetInt32()]));
        }

        Assert.NotEqual(JsonValueKind.Null, rows[3].GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[3].GetProperty("top_units").ValueKind);
    }

    [Fact]
    public async Task Score_explain_to_csv_adds_a_top_units_column_and_resumes_only_a_file_that_has_it()
    {
        using var temp = new TempFolder();
        var inputs = Inputs(temp);
        var output = Path.Combine(temp.Path, "out.csv");

        var run = await CliRun.RunAsync("score", inputs, "--out", output, "--explain", "--model", Model, "--device", "cpu");
        var plainOutput = Path.Combine(temp.Path, "plain.csv");
        await CliRun.RunAsync("score", inputs, "--out", plainOutput, "--model", Model, "--device", "cpu");
        var mismatch = await CliRun.RunAsync("score", inputs, "--out", plainOutput, "--resume", "--explain", "--model", Model, "--device", "cpu");

        Assert.Equal(3, run.ExitCode);
        var records = CsvParser.Parse(File.ReadAllText(output)).Select(r => r.Fields).ToList();
        Assert.Equal(["id", "label", "p_fake", "kind", "threshold", "tokens", "chunks", "model", "error", "top_units"], records[0]);
        Assert.Matches(@"^(\S+ \([+-]?0\.\d{4}\); ){2}\S+ \([+-]?0\.\d{4}\)$", records[3][9]);
        Assert.Equal(string.Empty, records[4][9]);
        Assert.NotEqual(0, mismatch.ExitCode);
        Assert.Contains("top_units", mismatch.Stderr);
    }
}
