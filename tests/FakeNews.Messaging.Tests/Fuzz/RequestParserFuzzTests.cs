using System.Text;
using CsCheck;

namespace FakeNews.Messaging.Tests.Fuzz;

/// <summary>Generated bodies through the request parser: it never throws and always gives a request or a reason.</summary>
public sealed class RequestParserFuzzTests
{
    /// <summary>Characters that break parsers: JSON structure, escapes, surrogates, combining and zero-width marks.</summary>
    private static readonly Gen<char> Awkward = Gen.OneOf(
        Gen.Char['a', 'z'],
        Gen.Char['\0', '\x7f'],
        Gen.Char['\ud800', '\udfff'],
        Gen.Char['\u0300', '\u036f'],
        Gen.OneOf('\u200b', '\u200d', '\ufeff', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', 'u'),
        Gen.Char);

    private static readonly Gen<string> Text = Gen.String[Awkward, 0, 120];

    private static readonly Gen<string> Escape = Gen.OneOf("\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\u200b", "\\\"", "\\\\", "\\n", "\\x", "\\u12");

    /// <summary>Bodies: random bytes, random text, request-shaped objects with hostile values, deep nesting.</summary>
    public static readonly Gen<byte[]> Bodies = Gen.OneOf(
        Gen.Byte.Array[0, 200],
        Text.Select(Encoding.UTF8.GetBytes),
        Gen.Select(Text, Escape, Text, Gen.OneOf("id", "text", "title", "url", "metadata", "explain", "schema_version"),
            (a, escape, b, field) => Encoding.UTF8.GetBytes($"{{\"id\": \"x\", \"text\": \"ok\", \"{field}\": \"{a}{escape}{b}\"}}")),
        Gen.Select(Escape, Text, (escape, key) => Encoding.UTF8.GetBytes($"{{\"text\": \"ok\", \"metadata\": {{\"{escape}{key}\": \"v\"}}}}")),
        Gen.Int[0, 3000].Select(depth => Encoding.UTF8.GetBytes("{\"text\": " + new string('[', depth) + new string(']', depth) + "}")));

    [Fact]
    public void Any_body_gives_exactly_one_of_a_request_or_a_reason_and_never_throws()
    {
        Bodies.Sample(body =>
        {
            var parsed = RequestParser.Parse(body, messageId: "fuzz", maxBodyBytes: 4096);

            Assert.True((parsed.Request is null) != (parsed.Rejection is null), "exactly one of request and rejection");
            if (parsed.Rejection is { } rejection)
            {
                Assert.False(string.IsNullOrWhiteSpace(rejection.Code));
                Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
                Assert.DoesNotContain('\n', rejection.ToString());
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(parsed.Request!.Text));
                Assert.False(string.IsNullOrWhiteSpace(parsed.Request.Id));
            }
        }, iter: 2000);
    }
}
