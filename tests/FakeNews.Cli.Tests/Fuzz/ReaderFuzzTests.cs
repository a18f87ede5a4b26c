using CsCheck;
using FakeNews.Cli.Readers;

namespace FakeNews.Cli.Tests.Fuzz;

/// <summary>Generated file contents through every reader: no exception, no hang, and a row for every file.</summary>
public sealed class ReaderFuzzTests
{
    private static readonly Gen<char> Awkward = Gen.OneOf(
        Gen.Char['a', 'z'],
        Gen.Char['\0', '\x7f'],
        Gen.Char['\ud800', '\udfff'],
        Gen.Char['\u0300', '\u036f'],
        Gen.OneOf('\u200b', '\u200d', '\ufeff', '"', '\\', '{', '}', '[', ']', ',', ':', '<', '>', '/', '#', ' ', '\n', '\r'),
        Gen.Char);

    private static readonly Gen<string> Text = Gen.String[Awkward, 0, 150];

    private static readonly Gen<string> Escape = Gen.OneOf("\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\u200b", "\\\"", "\\\\", "\\x");

    private static readonly Gen<string> Contents = Gen.OneOf(
        Text,
        Gen.Select(Text, Escape, Text, (a, e, b) => $"{{\"id\": \"{a}\", \"text\": \"{b}{e}\"}}\n{{\"text\": \"{e}\"}}\n[{{\"text\": \"{a}\"}}]"),
        Gen.Select(Text, Text, (a, b) => $"id,text,speaker\n\"{a}\",{b},x\n\"unclosed,{a}"),
        Gen.Select(Gen.Int[0, 4000], Text, (depth, t) => string.Concat(Enumerable.Repeat("<div><article>", depth)) + t + string.Concat(Enumerable.Repeat("</article></div>", depth))),
        Gen.Select(Gen.Int[0, 4000], Text, (depth, t) => new string('[', depth) + "{\"text\": \"" + t + "\"}" + new string(']', depth)),
        Gen.Select(Text, Gen.Int[1, 20_000], (t, n) => "# " + t + "\n\n" + new string('w', n)));

    private static readonly IInputReader[] Readers = [new TextFileReader(), new MarkdownReader(), new HtmlReader(), new JsonReader(), new JsonLinesReader(), new CsvReader()];

    [Fact]
    public async Task Any_content_gives_at_least_one_row_each_with_a_text_or_an_error()
    {
        // The whole run is bounded so a reader that hangs fails the test instead of stalling CI.
        await Task.Run(() => Contents.Sample(content =>
        {
            // Readers get text decoded from valid UTF-8 (InputFile refuses the rest as binary), so no raw lone surrogates;
            // escaped ones ("\ud800") stay in the generated JSON.
            var decoded = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(content));
            foreach (var reader in Readers)
            {
                var items = reader.Read("fuzz", decoded).ToList();

                Assert.NotEmpty(items);
                Assert.All(items, item => Assert.True(item.Error is null ? !string.IsNullOrWhiteSpace(item.Text) : item.Text is null, $"{reader.GetType().Name}: {item}"));
            }
        }, iter: 400)).WaitAsync(TimeSpan.FromMinutes(3));
    }
}
