using System.Globalization;

namespace FakeNews.Cli.Arguments;

/// <summary>The result of parsing one verb's arguments.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _options;

    /// <summary>Creates the result.</summary>
    public ParsedArguments(string command, IReadOnlyList<string> positionals, Dictionary<string, string?> options)
    {
        Command = command;
        Positionals = positionals;
        _options = options;
    }

    /// <summary>The verb.</summary>
    public string Command { get; }

    /// <summary>The positional arguments in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>True when <c>--help</c> was given.</summary>
    public bool Help => Has("help");

    /// <summary>True when the flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The option's value, or null when absent.</summary>
    public string? Value(string name) => _options.GetValueOrDefault(name);

    /// <summary>The option's value as an integer in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    /// <exception cref="UsageException">The value is not such an integer.</exception>
    public int? Int(string name, int min = 1, int max = int.MaxValue)
    {
        var value = Value(name);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            var range = max == int.MaxValue ? $"an integer >= {min}" : $"an integer from {min} to {max}";
            throw new UsageException($"--{name} must be {range}, got '{value}'", Command);
        }

        return number;
    }
}
