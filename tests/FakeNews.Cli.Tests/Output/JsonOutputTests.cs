using System.Text.Json;
using FakeNews.Cli.Bench;
using FakeNews.Cli.Commands;
using FakeNews.Cli.Output;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Tests.Output;

/// <summary>The JSON users parse (<c>predict --json</c>, <c>info --json</c>, <c>score</c> rows), pinned byte for byte.</summary>
public sealed class JsonOutputTests
{
    private static readonly ClassificationResult Result = new(
        "fake",
        0.87654321f,
        new Dictionary<string, float> { ["real"] = 0.12345679f, ["fake"] = 0.87654321f },
        12,
        [new WindowScore(0, 0, 8, 0.9f), new WindowScore(1, 4, 8, 0.1234567f)],
        "m@1",
        3.14159,
        InputKind.Claim);

    private static readonly Attribution[] Units =
    [
        new(AttributionSources.Text, null, 0, 5, "Taxes <\"déjà\">", 0.1234567f),
        new(AttributionSources.Metadata, "speaker", 0, 3, "Bob", -0.25f),
    ];

    [Fact]
    public void Predict_json_keeps_its_field_order_rounding_and_escaping()
    {
        Assert.Equal(
            """{"label":"fake","p_fake":0.876543,"probabilities":{"real":0.123457,"fake":0.876543},"tokens":12,"chunks":2,"windows":[{"index":0,"start_token":0,"token_count":8,"p_fake":0.9},{"index":1,"start_token":4,"token_count":8,"p_fake":0.123457}],"model":"m@1","latency_ms":3.142,"kind":"claim"}""",
            PredictCommand.ToJson(Result));
        Assert.Equal(
            """{"label":"fake","p_fake":0.876543,"probabilities":{"real":0.123457,"fake":0.876543},"tokens":12,"chunks":2,"windows":[{"index":0,"start_token":0,"token_count":8,"p_fake":0.9},{"index":1,"start_token":4,"token_count":8,"p_fake":0.123457}],"model":"m@1","latency_ms":0,"granularity":"word","attributions":[{"source":"text","start":0,"end":5,"text":"Taxes \u003C\u0022d\u00E9j\u00E0\u0022\u003E","weight":0.123457},{"source":"metadata","field":"speaker","start":0,"end":3,"text":"Bob","weight":-0.25}]}""",
            PredictCommand.ToJson(Result with { Kind = null, LatencyMs = 1e-7 }, new Explanation(Result, AttributionGranularity.Word, Units)));
    }

    [Fact]
    public void Predict_output_ends_with_the_threshold_that_decided_the_label()
    {
        var decided = Result with { Kind = InputKind.Post, Threshold = 0.56f };

        Assert.EndsWith("\"latency_ms\":3.142,\"kind\":\"post\",\"threshold\":0.56}", PredictCommand.ToJson(decided));
        Assert.Equal("fake p_fake=0.8765 tokens=12 chunks=2 model=m@1 kind=post threshold=0.56", PredictCommand.ToLine(decided));
        Assert.Equal("fake p_fake=0.8765 tokens=12 chunks=2 model=m@1", PredictCommand.ToLine(decided with { Kind = null }));
    }

    [Fact]
    public void Info_json_keeps_its_fields()
    {
        var model = new ModelInfo("minilm-news", "2.0.0", ["real", "fake"], 512, ["input_ids", "attention_mask"], "CPUExecutionProvider", "1.31.0", "/models/é", "int8");
        Assert.Equal(
            """{"name":"minilm-news","version":"2.0.0","id":"minilm-news@2.0.0","labels":["real","fake"],"max_length":512,"inputs":["input_ids","attention_mask"],"execution_provider":"CPUExecutionProvider","precision":"int8","onnx_runtime_version":"1.31.0","directory":"/models/\u00E9"}""",
            InfoCommand.ToJson(model));
    }

    [Fact]
    public void Score_rows_write_nulls_and_top_units_only_with_explain()
    {
        var row = OutputRow.Scored("a<é>", Result with { PFake = 0.123456789f, Tokens = 12, Chunks = [new WindowScore(0, 0, 12, 0.1f)], Threshold = 0.56f }) with { TopUnits = Units };
        Assert.Equal(
            """{"id":"a<é>","label":"fake","p_fake":0.123457,"kind":"claim","threshold":0.56,"tokens":12,"chunks":1,"model":"m@1","error":null}""",
            RowFormatter.ToJson(row));
        Assert.Equal(
            """{"id":"a<é>","label":"fake","p_fake":0.123457,"kind":"claim","threshold":0.56,"tokens":12,"chunks":1,"model":"m@1","error":null,"top_units":[{"source":"text","start":0,"end":5,"text":"Taxes <\"déjà\">","weight":0.123457},{"source":"metadata","field":"speaker","start":0,"end":3,"text":"Bob","weight":-0.25}]}""",
            RowFormatter.ToJson(row, explain: true));
        Assert.Equal("a<é>,fake,0.123457,claim,0.56,12,1,m@1,", RowFormatter.ToCsv(row));
        Assert.Equal(
            """{"id":"b","label":null,"p_fake":null,"kind":null,"threshold":null,"tokens":null,"chunks":null,"model":"m@1","error":"empty: no text","top_units":null}""",
            RowFormatter.ToJson(OutputRow.Failed("b", "m@1", "empty: no text"), explain: true));
    }

    [Fact]
    public void Bench_json_keeps_its_field_names_and_order()
    {
        string[] expected =
        [
            "items_per_s", "p50_ms", "p95_ms", "p99_ms", "mean_batch", "padding_ratio", "unbatched_items_per_s", "raw_ort_items_per_s",
            "pipeline_sequences_per_s", "pipeline_vs_raw_ort", "batching_speedup", "unbatched_fp32_items_per_s", "speedup_vs_unbatched_fp32",
            "unbatched_p50_ms", "unbatched_p99_ms", "tokens_per_s", "gflops", "flops_per_token", "items", "batches", "seconds", "mean_tokens",
            "texts", "data", "concurrency", "max_batch_size", "max_added_padding", "intra_op_threads", "model", "execution_provider",
            "precision", "onnx_runtime_version", "processor_count", "os", "load_average_before", "load_average_after",
        ];
        var json = JsonSerializer.Serialize(new BenchJson { ItemsPerS = BenchJson.Figure(double.NaN), P50Ms = BenchJson.Figure(1.234567) }, CliJson.Indented.BenchJson);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("{\n  \"items_per_s\": null,\n  \"p50_ms\": 1.2346,".Replace("\n", Environment.NewLine, StringComparison.Ordinal), json, StringComparison.Ordinal);
    }
}
