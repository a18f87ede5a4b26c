using System.Text;
using FakeNews.Cli.Arguments;

namespace FakeNews.Cli.Commands;

/// <summary>Renders the top-level and per-verb help.</summary>
internal static class HelpText
{
    /// <summary>The exit code table shown in the top-level and <c>score</c> help.</summary>
    public const string ExitCodes = """
        Exit codes:
          0    success
          1    unexpected error
          2    usage error (bad arguments, or predict input that cannot be classified)
          3    finished, but some items failed (their rows have 'error' set)
          4    model folder missing or not loadable
          5    device unavailable (--device cuda without a working CUDA)
          130  cancelled (Ctrl+C); rows written so far are complete and valid
        """;

    /// <summary>The top-level help listing the verbs.</summary>
    public static string TopLevel(IEnumerable<ICommand> commands)
    {
        var text = new StringBuilder();
        text.AppendLine("fakenews: tell fake news from real with a fine-tuned ONNX classifier.");
        text.AppendLine();
        text.AppendLine("Usage: fakenews <command> [options]");
        text.AppendLine("       fakenews <command> --help");
        text.AppendLine("       fakenews --version");
        text.AppendLine();
        text.AppendLine("Commands:");
        foreach (var command in commands)
        {
            text.AppendLine($"  {command.Spec.Name,-10} {command.Spec.Summary}");
        }

        text.AppendLine();
        text.AppendLine("The model folder defaults to $FAKENEWS_MODEL, else the first models/minilm-news-v2 found above the");
        text.AppendLine("current directory or the program.");
        text.AppendLine();
        text.Append(ExitCodes);
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The help of one verb.</summary>
    public static string For(CommandSpec spec)
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: fakenews {spec.Usage}");
        text.AppendLine();
        text.AppendLine(spec.Summary);
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in spec.Options.Append(ArgumentParser.HelpOption))
        {
            var name = option.TakesValue ? $"--{option.Name} {option.ValueName}" : $"--{option.Name}";
            text.AppendLine($"  {name,-22} {option.Help}");
        }

        if (spec.Notes is not null)
        {
            text.AppendLine();
            text.AppendLine(spec.Notes.TrimEnd());
        }

        return text.ToString();
    }
}
