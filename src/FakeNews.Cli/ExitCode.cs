namespace FakeNews.Cli;

/// <summary>The process exit codes of <c>fakenews</c>, as documented in <c>fakenews --help</c>.</summary>
public enum ExitCode
{
    /// <summary>Everything succeeded.</summary>
    Success = 0,

    /// <summary>An unexpected error (a bug, an I/O failure on the output, a backend failure in predict).</summary>
    Unexpected = 1,

    /// <summary>Bad arguments or bad input to <c>predict</c>.</summary>
    Usage = 2,

    /// <summary>The run finished, but some items failed and have an <c>error</c> in their row.</summary>
    ItemErrors = 3,

    /// <summary>The model folder could not be found or loaded.</summary>
    ModelLoad = 4,

    /// <summary>The requested device (CUDA) is unavailable.</summary>
    Device = 5,

    /// <summary>Cancelled by Ctrl+C; output written so far is valid.</summary>
    Cancelled = 130,
}
