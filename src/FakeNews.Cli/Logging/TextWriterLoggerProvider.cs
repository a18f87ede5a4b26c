using Microsoft.Extensions.Logging;

namespace FakeNews.Cli.Logging;

/// <summary>
/// Writes log lines (<c>fakenews: warn: message</c>) to the CLI's stderr writer, so that logs go where the
/// caller of <see cref="Cli.RunAsync(string[], TextReader, TextWriter, TextWriter, CancellationToken)"/> points them.
/// Thread-safe: lines are written under a lock.
/// </summary>
internal sealed class TextWriterLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly Lock _gate = new();

    /// <summary>Creates the provider.</summary>
    public TextWriterLoggerProvider(TextWriter writer, LogLevel minimum)
    {
        _writer = writer;
        _minimum = minimum;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var name = level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "critical",
        };
        var line = $"fakenews: {name}: {message}" + (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})");
        lock (_gate)
        {
            _writer.WriteLine(line.ReplaceLineEndings(" "));
            _writer.Flush();
        }
    }

    private sealed class TextWriterLogger(TextWriterLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }
}
