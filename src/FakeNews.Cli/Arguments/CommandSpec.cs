namespace FakeNews.Cli.Arguments;

/// <summary>The grammar and help of one verb.</summary>
/// <param name="Name">The verb, e.g. <c>score</c>.</param>
/// <param name="Summary">One line for the top-level help.</param>
/// <param name="Usage">The usage line after <c>fakenews</c>.</param>
/// <param name="Options">The accepted options (<c>--help</c> is implied).</param>
/// <param name="MinPositionals">Fewest positional arguments.</param>
/// <param name="MaxPositionals">Most positional arguments.</param>
/// <param name="Notes">Extra help paragraphs shown after the options.</param>
internal sealed record CommandSpec(
    string Name,
    string Summary,
    string Usage,
    IReadOnlyList<OptionSpec> Options,
    int MinPositionals,
    int MaxPositionals,
    string? Notes = null);
