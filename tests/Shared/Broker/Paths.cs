namespace FakeNews.Testing.Broker;

/// <summary>Locations in the repository, found by walking up from the test binaries (broker and worker tests).</summary>
internal static class Paths
{
    public static string RepoRoot { get; } = FakeNews.Testing.RepositoryRoot.Find();

    /// <summary>The tiny random-weight DistilBERT fixture: verdicts are meaningless but deterministic and fast.</summary>
    public static string TinyModel => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-distilbert");

    public static string BrokerScript => Path.Combine(RepoRoot, "scripts", "broker.sh");

    /// <summary>
    /// The worker's entry assembly in its own build output (src/FakeNews.Worker/bin/CONFIG/TFM, built through the test
    /// project's ProjectReference), so it runs with its own runtimeconfig and deps even from a test project that also
    /// references the web API (whose shared framework the worker's runtimeconfig does not name).
    /// </summary>
    public static string WorkerDll
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var output = Path.Combine(RepoRoot, "src", "FakeNews.Worker", "bin", tfm.Parent!.Name, tfm.Name);
            var dll = Path.Combine(output, "FakeNews.Worker.dll");
            if (File.Exists(dll) && File.Exists(Path.Combine(output, "FakeNews.Worker.runtimeconfig.json")))
            {
                return dll;
            }

            throw new FileNotFoundException($"FakeNews.Worker.dll and its runtimeconfig.json were not found in {output}; build the solution (or a test project that references src/FakeNews.Worker) in this configuration.");
        }
    }
}
