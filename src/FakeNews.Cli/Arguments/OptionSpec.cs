namespace FakeNews.Cli.Arguments;

/// <summary>One <c>--name</c> option of a verb.</summary>
/// <param name="Name">The long name without dashes.</param>
/// <param name="ValueName">The value's placeholder in help (e.g. <c>DIR</c>), or null for a flag.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Allowed">The accepted values (case-insensitive), or null for any.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, IReadOnlyList<string>? Allowed = null)
{
    /// <summary>True when the option takes a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>A flag (no value).</summary>
    public static OptionSpec Flag(string name, string help) => new(name, null, help);

    /// <summary>An option with a value.</summary>
    public static OptionSpec Value(string name, string valueName, string help, params string[] allowed) =>
        new(name, valueName, help, allowed.Length == 0 ? null : allowed);
}
