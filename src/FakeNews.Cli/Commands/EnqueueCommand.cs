using FakeNews.Cli.Arguments;
using FakeNews.Cli.Progress;
using FakeNews.Cli.Readers;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using RabbitMQ.Client.Exceptions;

namespace FakeNews.Cli.Commands;

/// <summary><c>enqueue PATH... [--broker URI]</c>: publish files and folders as worker requests, with publisher confirms.</summary>
internal sealed class EnqueueCommand : ICommand
{
    /// <summary>Publishes kept in flight at once; each completes when the broker confirms it.</summary>
    private const int Window = 256;

    /// <summary>The shared broker options of <c>enqueue</c> and <c>collect</c>.</summary>
    internal static readonly OptionSpec Broker = OptionSpec.Value("broker", "URI", "RabbitMQ URI (default: $FAKENEWS_BROKER, else amqp://guest:guest@127.0.0.1:5672/)");

    /// <summary>The queue-name prefix shared with the worker's RabbitMQ:Prefix.</summary>
    internal static readonly OptionSpec Prefix = OptionSpec.Value("prefix", "NAME", "queue and exchange name prefix, as the worker's RabbitMQ:Prefix (default: fakenews)");

    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "enqueue",
        "Publish every item of the given files and folders as a request for the queue worker.",
        "enqueue PATH... [--broker URI] [--prefix NAME] [--reply-to QUEUE] [--explain]",
        [
            Broker,
            Prefix,
            OptionSpec.Value("reply-to", "QUEUE", "ask the worker to send the results to this queue instead of {prefix}.results"),
            OptionSpec.Flag("explain", "ask the worker for attributions (the results carry granularity and attributions)"),
        ],
        MinPositionals: 1,
        MaxPositionals: int.MaxValue,
        Notes: """
            Inputs are read exactly as by 'score' (.txt, .md, .html, .json, .jsonl, .csv; folders recursively); ids are
            the same. Each item becomes one persistent request {schema_version, id, text, title?, metadata?} on
            {prefix}.requests; the command returns when the broker has confirmed every one. Items that cannot be read
            are reported on stderr and not sent (exit code 3). Collect the answers with 'fakenews collect'.
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var options = BrokerOptions(arguments, Spec.Name);
        var replyTo = arguments.Value("reply-to");
        var catalog = new InputCatalog(context.Note);
        var files = catalog.Files(arguments.Positionals).ToList();
        var total = files.SelectMany(catalog.Read).LongCount();

        await using var connection = await ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await using var publisher = await RequestPublisher.CreateAsync(connection, options, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, context.Time, total);
        var pending = new Queue<Task>();
        long sent = 0, failed = 0;
        foreach (var item in files.SelectMany(catalog.Read))
        {
            if (item.Error is not null)
            {
                failed++;
                context.Note($"not sent '{item.Id}': {item.Error}");
                progress.Advance(failed: true, tokens: 0);
                continue;
            }

            if (pending.Count >= Window)
            {
                await pending.Dequeue().ConfigureAwait(false);
                progress.Advance(failed: false, tokens: 0);
            }

            var request = new ArticleRequest(item.Id, item.Text!, item.Title, Metadata: ToDictionary(item.Metadata), Explain: arguments.Has("explain"));
            pending.Enqueue(publisher.PublishAsync(request, replyTo, cancellationToken));
            sent++;
        }

        while (pending.Count > 0)
        {
            await pending.Dequeue().ConfigureAwait(false);
            progress.Advance(failed: false, tokens: 0);
        }

        if (context.StderrIsTerminal)
        {
            await context.Stderr.WriteLineAsync().ConfigureAwait(false);
        }

        var seconds = Math.Max(progress.Elapsed.TotalSeconds, 1e-9);
        context.Note(FormattableString.Invariant($"enqueued {sent} requests on {options.RequestQueueName} ({failed} not sent) in {progress.Elapsed.TotalSeconds:F1} s: {sent / seconds:F0} messages/s, all confirmed"));
        return ErrorMap.Outcome(failed);
    }

    /// <summary>Broker options from <c>--broker</c> (or <c>$FAKENEWS_BROKER</c>) and <c>--prefix</c>.</summary>
    internal static RabbitMqOptions BrokerOptions(ParsedArguments arguments, string command)
    {
        var options = new RabbitMqOptions();
        options.Uri = arguments.Value(Broker.Name) ?? Environment.GetEnvironmentVariable("FAKENEWS_BROKER") ?? options.Uri;
        options.Prefix = arguments.Value(Prefix.Name) ?? options.Prefix;
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            var message = e.Message.Replace("RabbitMQ:Uri", "--broker", StringComparison.Ordinal).Replace("RabbitMQ:Prefix", "--prefix", StringComparison.Ordinal);
            throw new UsageException(message.Split(" (Parameter", 2)[0], command);
        }

        return options;
    }

    /// <summary>Connects once, turning an unreachable broker into a one-line error (exit code 1).</summary>
    internal static async Task<RabbitMQ.Client.IConnection> ConnectAsync(RabbitMqOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await BrokerConnector.ConnectOnceAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerUnreachableException e)
        {
            var host = new Uri(options.Uri);
            throw new CliException(CliErrorKind.BackendFailure, $"cannot reach RabbitMQ at {host.Host}:{host.Port}: {e.InnerException?.Message ?? e.Message} (start one with 'make broker')", e);
        }
    }

    private static Dictionary<string, string?>? ToDictionary(Core.Classification.ArticleMetadata? metadata) => metadata is null ? null : new()
    {
        ["speaker"] = metadata.Speaker, ["job"] = metadata.Job, ["party"] = metadata.Party,
        ["state"] = metadata.State, ["subject"] = metadata.Subject, ["context"] = metadata.Context,
    };
}
