namespace FakeNews.Testing.Broker;

/// <summary>
/// A lock file shared by every test process that uses the broker. <c>dotnet test</c> runs test assemblies in
/// parallel, and the broker tests of several assemblies share one RabbitMQ node, one of which restarts it: each
/// <see cref="BrokerScope"/> holds the lock shared, and a test that restarts the node holds it exclusively, so the
/// restart waits for the other assemblies' broker tests to finish and they wait for the restart.
/// </summary>
/// <remarks>
/// Built on <see cref="FileShare"/>, which .NET maps to <c>flock</c> on Linux (shared for a read-only open with
/// <see cref="FileShare.Read"/>, exclusive for <see cref="FileShare.None"/>); the kernel drops the lock when a test
/// process dies, so a crashed run leaves nothing behind.
/// </remarks>
internal static class BrokerRestartLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "fakenews-test-broker.lock");
    private static FileStream? _exclusive;

    /// <summary>Taken by every broker scope; a no-op inside a test of this process that holds the lock exclusively.</summary>
    public static Task<IDisposable> SharedAsync() =>
        Volatile.Read(ref _exclusive) is not null ? Task.FromResult<IDisposable>(new Released(null)) : AcquireAsync(exclusive: false);

    /// <summary>Taken by a test that restarts the broker, before it opens any scope.</summary>
    public static Task<IDisposable> ExclusiveAsync() => AcquireAsync(exclusive: true);

    private static async Task<IDisposable> AcquireAsync(bool exclusive)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                if (!File.Exists(LockPath))
                {
                    // A read-only open cannot create the file; this open fails like the others while the lock is held.
                    File.Open(LockPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite).Dispose();
                }

                var stream = exclusive
                    ? new FileStream(LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None)
                    : new FileStream(LockPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (exclusive)
                {
                    Volatile.Write(ref _exclusive, stream);
                }

                return new Released(stream);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private sealed class Released(FileStream? stream) : IDisposable
    {
        public void Dispose()
        {
            if (stream is null)
            {
                return;
            }

            Interlocked.CompareExchange(ref _exclusive, null, stream);
            stream.Dispose();
        }
    }
}
