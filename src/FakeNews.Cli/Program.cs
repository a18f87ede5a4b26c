using FakeNews.Cli;
using Microsoft.Extensions.Configuration;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops cleanly (whole rows only); a second one kills the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

var context = new CliContext(Console.In, Console.Out, Console.Error)
{
    StderrIsTerminal = !Console.IsErrorRedirected,
    StdoutIsTerminal = !Console.IsOutputRedirected,
    // The API and the worker read Classifier__* variables too: one set of settings for every host.
    Configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build(),
};
return await Cli.RunAsync(args, context, cancellation.Token);
