using FakeNews.Core.Classification;
using Microsoft.Extensions.Configuration;

namespace FakeNews.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its output.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(args, stdin: "");

    public static async Task<CliRun> RunAsync(
        string[] args,
        string stdin,
        Func<ITextClassifier, ITextClassifier>? wrap = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(new StringReader(stdin), stdout, stderr)
        {
            WrapClassifier = wrap,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build(),
        };
        var code = await Cli.RunAsync(args, context, cancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
