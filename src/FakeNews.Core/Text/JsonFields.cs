using System.Text.Json;

namespace FakeNews.Core.Text;

/// <summary>JSON values as the readers of JSON and JSON Lines inputs take them.</summary>
public static class JsonFields
{
    /// <summary>
    /// A string as it is, a number as written, a boolean as <c>true</c>/<c>false</c>; null for anything else.
    /// </summary>
    /// <exception cref="InvalidOperationException">The string holds an escaped lone surrogate (valid JSON, not text).</exception>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
