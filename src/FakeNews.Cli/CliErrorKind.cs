namespace FakeNews.Cli;

/// <summary>
/// The closed set of reasons a command stops. Commands throw a <see cref="CliException"/> of one kind;
/// <see cref="ErrorMap"/> alone turns the kind into an exit code.
/// </summary>
internal enum CliErrorKind
{
    /// <summary>Bad command-line arguments (<see cref="Arguments.UsageException"/>).</summary>
    InvalidArguments,

    /// <summary>An input file or folder given on the command line is missing or cannot be read.</summary>
    InputNotFound,

    /// <summary>The input data cannot be used: a malformed line, a text too long, a bad eval folder.</summary>
    InvalidInput,

    /// <summary>The run finished, but some items failed.</summary>
    ItemsFailed,

    /// <summary>The model folder is missing or cannot be loaded.</summary>
    InvalidModel,

    /// <summary>The requested device (CUDA) is unavailable.</summary>
    DeviceUnavailable,

    /// <summary>The output cannot be written.</summary>
    OutputFailed,

    /// <summary>A service the command depends on failed: the broker is unreachable or results stopped arriving.</summary>
    BackendFailure,
}
