namespace FakeNews.Testing.Broker;

/// <summary>Locations in the repository, found by walking up from the test binaries (broker and worker tests).</summary>
internal static class Paths
{
    public static string RepoRoot { get; } = FakeNews.Testing.RepositoryRoot.Find();

    /// <summary>The tiny random-weight DistilBERT fixture: verdicts are meaningless but deterministic and fast.</summary>
    public static string TinyModel => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-distilbert");

    public static string BrokerScript => Path.Combine(RepoRoot, "scripts", "broker.sh");

    /// <summary>The worker's entry assembly, copied next to the tests by the project reference.</summary>
    public static string WorkerDll
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "FakeNews.Worker.dll");
            if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "FakeNews.Worker.runtimeconfig.json")))
            {
                return local;
            }

            throw new FileNotFoundException($"FakeNews.Worker.dll and its runtimeconfig.json were not found in {AppContext.BaseDirectory}; the test project needs a ProjectReference to src/FakeNews.Worker and a build.");
        }
    }
}
