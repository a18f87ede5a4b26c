using System.Globalization;
using System.Text;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Progress;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;

namespace FakeNews.Cli.Commands;

/// <summary><c>collect --out FILE [--count N] [--timeout S]</c>: drain worker results into a JSONL file.</summary>
internal sealed class CollectCommand : ICommand
{
    private const ushort Prefetch = 512;

    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "collect",
        "Drain the queue worker's results into a JSONL file.",
        "collect --out FILE [--count N] [--timeout S] [--broker URI] [--prefix NAME] [--queue NAME] [--dead-letters]",
        [
            OptionSpec.Value("out", "FILE", "JSONL file the results are appended to, one per line"),
            OptionSpec.Value("count", "N", "stop after N results (default: until the queue stays empty for the timeout)"),
            OptionSpec.Value("timeout", "S", "stop when no message arrives for S seconds (default 10)"),
            EnqueueCommand.Broker,
            EnqueueCommand.Prefix,
            OptionSpec.Value("queue", "NAME", "read this queue instead of {prefix}.results (e.g. a --reply-to queue)"),
            OptionSpec.Flag("dead-letters", "read {prefix}.dead-letter instead: lines {id, reason, body}"),
        ],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: """
            Each message is acknowledged only after its line has been written and flushed, so an interrupted collect
            loses nothing: unwritten messages stay in the queue. Result lines are the worker's JSON as sent:
            {schema_version, id, label, p_fake, tokens, chunks?, model, model_version, latency_ms, kind?, threshold?,
            granularity?, attributions?}.
            Exit code 1 when --count was given and fewer results arrived before the timeout.
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var outPath = arguments.Value("out") ?? throw new UsageException("'collect' needs --out FILE", Spec.Name);
        var count = arguments.Int("count", min: 1);
        var timeout = TimeSpan.FromSeconds(arguments.Int("timeout", min: 1, max: 86_400) ?? 10);
        var options = EnqueueCommand.BrokerOptions(arguments, Spec.Name);
        var deadLetters = arguments.Has("dead-letters");
        var queue = arguments.Value("queue") ?? (deadLetters ? options.DeadLetterQueueName : options.ResultsQueueName);

        await using var connection = await EnqueueCommand.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        if (arguments.Value("queue") is null)
        {
            // The results and dead-letter queues may not exist yet when collect runs before any worker.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await Topology.DeclareAsync(channel, options, cancellationToken).ConfigureAwait(false);
        }

        Stream file;
        try
        {
            file = new FileStream(outPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.OutputFailed, $"cannot write --out '{outPath}': {e.Message}", e);
        }

        await using var writer = new StreamWriter(file, new UTF8Encoding(false));
        await using var reader = await QueueReader.StartAsync(connection, queue, Prefetch, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, context.Time, count ?? 0);
        long collected = 0;
        var cancelled = false;
        try
        {
            while (count is null || collected < count)
            {
                var first = await reader.ReceiveAsync(timeout, cancellationToken).ConfigureAwait(false);
                if (first is null)
                {
                    break;
                }

                // Write what is buffered, flush once, then acknowledge the lot with one multiple-ack.
                var last = first;
                for (var message = first; message is not null; message = Next(reader))
                {
                    await writer.WriteLineAsync(Line(message, deadLetters)).ConfigureAwait(false);
                    last = message;
                    collected++;
                    progress.Advance(failed: false, tokens: 0);
                    if (collected == count)
                    {
                        break;
                    }
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await reader.AckAsync(last.DeliveryTag, multiple: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        if (context.StderrIsTerminal)
        {
            await context.Stderr.WriteLineAsync().ConfigureAwait(false);
        }

        context.Note(string.Create(CultureInfo.InvariantCulture, $"collected {collected} messages from {queue} into {outPath} in {progress.Elapsed.TotalSeconds:F1} s"));
        if (cancelled)
        {
            return ErrorMap.Outcome(0, cancelled: true);
        }

        if (collected < count)
        {
            throw new CliException(CliErrorKind.BackendFailure, $"collected {collected} of {count} results; none arrived for {timeout.TotalSeconds:F0} s");
        }

        return ExitCode.Success;
    }

    private static ReceivedMessage? Next(QueueReader reader) => reader.TryReceive(out var message) ? message : null;

    /// <summary>A result line is the body as sent; a dead letter becomes <c>{id, reason, body}</c>.</summary>
    private static string Line(ReceivedMessage message, bool deadLetter)
    {
        var body = Encoding.UTF8.GetString(message.Body.Span).ReplaceLineEndings(" ");
        if (!deadLetter)
        {
            return body;
        }

        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["id"] = message.MessageId,
            ["reason"] = AmqpHeaders.GetString(message.Headers, MessageContract.ReasonHeader)
                ?? "broker: " + (AmqpHeaders.GetString(message.Headers, "x-first-death-reason") ?? "unknown"),
            ["body"] = body,
        });
    }
}
