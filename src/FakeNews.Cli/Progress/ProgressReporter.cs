using System.Globalization;

namespace FakeNews.Cli.Progress;

/// <summary>
/// Reports <c>score</c> progress on stderr: a redrawn bar with count, rate and ETA when stderr is a terminal
/// (at most every 100 ms); plain lines otherwise (every 5 s or each further 10 %, whichever comes first);
/// and a summary line at the end. Called from one thread, the writer loop.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);
    private const int BarWidth = 28;

    private readonly TextWriter _stderr;
    private readonly bool _interactive;
    private readonly TimeProvider _time;
    private readonly long _total;
    private readonly long _start;
    private TimeSpan _lastReport = TimeSpan.Zero;
    private int _lastDecile;
    private bool _barDrawn;

    /// <summary>Creates a reporter for <paramref name="total"/> items, starting the clock now.</summary>
    public ProgressReporter(TextWriter stderr, bool interactive, TimeProvider time, long total)
    {
        _stderr = stderr;
        _interactive = interactive;
        _time = time;
        _total = total;
        _start = time.GetTimestamp();
    }

    /// <summary>Items done so far (scored and failed) in this run.</summary>
    public long Done { get; private set; }

    /// <summary>Items whose row has an error.</summary>
    public long Errors { get; private set; }

    /// <summary>Tokens of the scored items.</summary>
    public long Tokens { get; private set; }

    /// <summary>Time since the reporter was created.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    /// <summary>Counts one finished item and reports if it is time to.</summary>
    public void Advance(bool failed, int tokens)
    {
        Done++;
        Errors += failed ? 1 : 0;
        Tokens += tokens;
        var elapsed = Elapsed;
        if (_interactive)
        {
            if (!_barDrawn || elapsed - _lastReport >= BarInterval || Done == _total)
            {
                _lastReport = elapsed;
                _stderr.Write("\r" + Bar(elapsed));
                _stderr.Flush();
                _barDrawn = true;
            }

            return;
        }

        var decile = _total > 0 ? (int)(Done * 10 / _total) : 0;
        if (Done < _total && (elapsed - _lastReport >= LineInterval || decile > _lastDecile))
        {
            _lastDecile = decile;
            _lastReport = elapsed;
            _stderr.WriteLine($"fakenews: {Line(elapsed)}");
        }
    }

    /// <summary>Ends the bar and writes the summary line: items, errors, skipped, items/s, tokens/s.</summary>
    public void Finish(long skipped, bool cancelled)
    {
        if (_barDrawn)
        {
            _stderr.WriteLine();
        }

        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-9);
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"fakenews: {(cancelled ? "cancelled after" : "scored")} {Done} items ({Errors} errors, {skipped} skipped) in {Elapsed.TotalSeconds:F1} s: {Done / seconds:F1} items/s, {Tokens / seconds:F0} tokens/s");
        _stderr.WriteLine(summary);
        _stderr.Flush();
    }

    private string Bar(TimeSpan elapsed)
    {
        var fraction = _total > 0 ? Math.Min(1.0, (double)Done / _total) : 1.0;
        var filled = (int)Math.Round(fraction * BarWidth);
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "] " + Line(elapsed) + "   ";
    }

    private string Line(TimeSpan elapsed)
    {
        var rate = Done / Math.Max(elapsed.TotalSeconds, 1e-9);
        var percent = _total > 0 ? 100.0 * Done / _total : 100.0;
        var eta = rate > 0 && _total > Done ? FormatDuration(TimeSpan.FromSeconds((_total - Done) / rate)) : "--:--";
        return string.Create(CultureInfo.InvariantCulture, $"{Done}/{_total} ({percent:F0}%) {rate:F1} items/s ETA {eta}");
    }

    internal static string FormatDuration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:D2}:{span.Seconds:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:D2}:{span.Seconds:D2}");
}
