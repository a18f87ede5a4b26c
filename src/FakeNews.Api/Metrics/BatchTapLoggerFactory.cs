using FakeNews.Core.Batching;

namespace FakeNews.Api.Metrics;

/// <summary>
/// Hands the classifier the host's loggers, but taps the batcher's per-batch event ("Ran a batch of {BatchSize}
/// sequences ...") to feed the batch size histogram: the batcher has no metrics hook of its own, and its structured
/// log event carries exactly the number we need. Everything is forwarded unchanged to the host's loggers.
/// </summary>
internal sealed class BatchTapLoggerFactory(ILoggerFactory inner, ApiMetrics metrics) : ILoggerFactory
{
    private static readonly string BatcherCategory = typeof(DynamicBatcher).FullName!;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == BatcherCategory ? new TapLogger(logger, metrics) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The host owns and disposes the inner factory.
    public void Dispose()
    {
    }

    private sealed class TapLogger(ILogger inner, ApiMetrics metrics) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        // Debug must look enabled so the batcher emits its per-batch event even when the host logs less.
        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Debug || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Debug && exception is null && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var field in fields)
                {
                    if (field is { Key: "BatchSize", Value: int size })
                    {
                        metrics.RecordBatch(size);
                        break;
                    }
                }
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
