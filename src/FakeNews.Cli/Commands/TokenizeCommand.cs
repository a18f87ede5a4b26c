using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FakeNews.Cli.Arguments;
using FakeNews.Core.Tokenization;

namespace FakeNews.Cli.Commands;

/// <summary>
/// <c>tokenize --in FILE.jsonl --out FILE.jsonl</c>: WordPiece ids of each line's text with the model's vocabulary,
/// without running the model.
/// </summary>
internal sealed class TokenizeCommand : ICommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "tokenize",
        "Write the WordPiece ids ([CLS] ... [SEP], truncated) of each text of a JSONL file, using the model's vocabulary.",
        "tokenize --in FILE.jsonl --out FILE.jsonl [--model DIR] [--max-length N]",
        [
            OptionSpec.Value("in", "FILE", "input JSONL, one {\"id\", \"text\"} object per line"),
            OptionSpec.Value("out", "FILE", "output JSONL, one {\"id\", \"ids\": [...]} object per input line"),
            ModelOptions.Model,
            OptionSpec.Value("max-length", "N", "truncate to N ids including [CLS] and [SEP] (default: the model's max_length)"),
        ],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: """
            Blank input lines are skipped. A line that is not an object with a string 'text' gives
            {"id", "ids": null, "error"} (id defaults to FILE#line) and exit code 3 at the end.
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var input = arguments.Value("in") ?? throw new UsageException("'tokenize' needs --in FILE.jsonl", Spec.Name);
        var output = arguments.Value("out") ?? throw new UsageException("'tokenize' needs --out FILE.jsonl", Spec.Name);
        var requestedLength = arguments.Int("max-length", min: 2);
        if (!File.Exists(input))
        {
            throw new UsageException($"--in '{input}' does not exist", Spec.Name);
        }

        var folder = ModelOptions.LoadFolder(arguments, context);
        var maxLength = requestedLength ?? folder.Config.MaxLength;
        var errors = 0;
        var lineNumber = 0;
        using var reader = new StreamReader(input, Encoding.UTF8);
        await using var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = Tokenize(folder.Tokenizer, line, $"{input}#{lineNumber}", maxLength, out var failed);
            errors += failed ? 1 : 0;
            await writer.WriteLineAsync(row).ConfigureAwait(false);
        }

        if (errors > 0)
        {
            context.Note($"{errors} of the lines of '{input}' could not be tokenized; see their 'error'");
        }

        return ErrorMap.Outcome(errors);
    }

    internal static string Tokenize(BertWordPieceTokenizer tokenizer, string line, string fallbackId, int maxLength, out bool failed)
    {
        using var buffer = new MemoryStream();
        // A writer, not a record: the input's id token is copied as written (number or string, digits kept).
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var hasId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number;
                if (hasId)
                {
                    json.WritePropertyName("id");
                    root.GetProperty("id").WriteTo(json);
                }
                else
                {
                    json.WriteString("id", fallbackId);
                }

                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                {
                    failed = true;
                    json.WriteNull("ids");
                    json.WriteString("error", "malformed: the line has no string field 'text'");
                }
                else
                {
                    failed = false;
                    json.WriteStartArray("ids");
                    foreach (var value in tokenizer.Encode(text.GetString()!, maxLength).InputIds)
                    {
                        json.WriteNumberValue(value);
                    }

                    json.WriteEndArray();
                }
            }
            catch (JsonException e)
            {
                failed = true;
                json.WriteString("id", fallbackId);
                json.WriteNull("ids");
                json.WriteString("error", $"malformed: not valid JSON: {e.Message}");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
