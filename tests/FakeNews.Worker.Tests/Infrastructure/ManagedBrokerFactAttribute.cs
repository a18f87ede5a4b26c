using System.Diagnostics;
using FakeNews.Testing.Broker;

namespace FakeNews.Worker.Tests.Infrastructure;

/// <summary>
/// A fact that restarts the broker, so it needs the node that <c>scripts/broker.sh</c> manages (as in CI and
/// <c>make broker</c>); skipped with the reason when the broker is unreachable or not that node.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ManagedBrokerFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public ManagedBrokerFactAttribute()
    {
        Skip = Reason.Value;
    }

    public static async Task<(int Code, string Output)> RunScriptAsync(string verb)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Paths.BrokerScript);
        info.ArgumentList.Add(verb);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? Probe()
    {
        if (TestBroker.SkipReason is { } unreachable)
        {
            return unreachable;
        }

        var (code, _) = RunScriptAsync("status").GetAwaiter().GetResult();
        if (code != 0)
        {
            return "the broker is not the node scripts/broker.sh manages, so this test may not restart it";
        }

        var (_, uri) = RunScriptAsync("uri").GetAwaiter().GetResult();
        return new Uri(uri.Trim()).Port == new Uri(TestBroker.Uri).Port
            ? null
            : $"$FAKENEWS_TEST_BROKER ({TestBroker.Uri}) is not the node scripts/broker.sh manages ({uri.Trim()})";
    }
}
