namespace FakeNews.Cli.Arguments;

/// <summary>
/// Parses one verb's arguments: <c>--name value</c>, <c>--name=value</c>, flags, positionals, <c>--</c> to end
/// options and <c>-</c> as a positional (stdin). Every mistake is a <see cref="UsageException"/> naming it.
/// </summary>
internal static class ArgumentParser
{
    /// <summary>The implied help flag of every verb.</summary>
    public static readonly OptionSpec HelpOption = OptionSpec.Flag("help", "show this help and exit");

    /// <summary>Parses <paramref name="args"/> (the verb itself excluded) against <paramref name="spec"/>.</summary>
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || arg == "-" || !arg.StartsWith('-'))
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }

            if (arg is "-h")
            {
                arg = "--help";
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{arg}' for '{spec.Name}'", spec.Name);
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var option = name == HelpOption.Name ? HelpOption : spec.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '--{name}' for '{spec.Name}'", spec.Name);
            if (options.ContainsKey(name))
            {
                throw new UsageException($"option '--{name}' is given more than once", spec.Name);
            }

            options[name] = ReadValue(spec, option, equals < 0 ? null : arg[(equals + 1)..], args, ref i);
        }

        if (options.ContainsKey(HelpOption.Name))
        {
            return new ParsedArguments(spec.Name, positionals, options);
        }

        if (positionals.Count < spec.MinPositionals)
        {
            throw new UsageException($"'{spec.Name}' needs {Describe(spec)}", spec.Name);
        }

        if (positionals.Count > spec.MaxPositionals)
        {
            throw new UsageException($"unexpected argument '{positionals[spec.MaxPositionals]}' for '{spec.Name}'", spec.Name);
        }

        return new ParsedArguments(spec.Name, positionals, options);
    }

    private static string? ReadValue(CommandSpec spec, OptionSpec option, string? inline, IReadOnlyList<string> args, ref int i)
    {
        if (!option.TakesValue)
        {
            return inline is null ? null : throw new UsageException($"option '--{option.Name}' takes no value", spec.Name);
        }

        var value = inline;
        if (value is null)
        {
            if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
            {
                throw new UsageException($"option '--{option.Name}' needs a value {option.ValueName}", spec.Name);
            }

            value = args[++i];
        }

        if (option.Allowed is { } allowed && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw new UsageException($"--{option.Name} must be one of {string.Join('|', allowed)}, got '{value}'", spec.Name);
        }

        return value;
    }

    private static string Describe(CommandSpec spec) => spec.MinPositionals == 1 && spec.MaxPositionals == 1
        ? "exactly one argument"
        : spec.MinPositionals == 1 ? "at least one argument" : $"at least {spec.MinPositionals} arguments";
}
