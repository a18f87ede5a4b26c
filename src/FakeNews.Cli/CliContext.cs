using FakeNews.Core.Classification;
using Microsoft.Extensions.Configuration;

namespace FakeNews.Cli;

/// <summary>What a command runs against: its standard streams, clock and, for tests, hooks.</summary>
internal sealed class CliContext
{
    /// <summary>Creates a context over the given streams.</summary>
    public CliContext(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <summary>Standard input (for <c>predict -</c>).</summary>
    public TextReader Stdin { get; }

    /// <summary>Standard output: results and help.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Standard error: progress, notes, logs and errors.</summary>
    public TextWriter Stderr { get; }

    /// <summary>True when stderr is a terminal: progress is drawn as a bar.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>True when stdout is a terminal: <c>predict --explain</c> marks words with colour.</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary>The clock for progress and rates.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the <c>Classifier</c> settings come from (the process's environment variables, such as
    /// <c>Classifier__MaxWindows</c>); the flags are laid over them. Empty by default.
    /// </summary>
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();

    /// <summary>Wraps the classifier used by <c>score</c>; tests use it to observe or interrupt a run.</summary>
    public Func<ITextClassifier, ITextClassifier>? WrapClassifier { get; init; }

    /// <summary>Writes a one-line note to stderr.</summary>
    public void Note(string message)
    {
        Stderr.WriteLine($"fakenews: {message}");
        Stderr.Flush();
    }
}
