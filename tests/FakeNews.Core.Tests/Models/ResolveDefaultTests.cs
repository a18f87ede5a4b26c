using FakeNews.Core.Models;

namespace FakeNews.Core.Tests.Models;

/// <summary>Touches the process environment, so its tests run one after another in this class.</summary>
public sealed class ResolveDefaultTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(ModelFolder.ModelEnvironmentVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(ModelFolder.ModelEnvironmentVariable, _saved);

    [Fact]
    public void Environment_variable_wins_when_set()
    {
        using var model = new ModelFixture();
        Environment.SetEnvironmentVariable(ModelFolder.ModelEnvironmentVariable, model.Directory);

        Assert.Equal(model.Directory, ModelFolder.ResolveDefault());
    }

    [Fact]
    public void Environment_variable_naming_a_missing_folder_fails_naming_the_variable()
    {
        Environment.SetEnvironmentVariable(ModelFolder.ModelEnvironmentVariable, "/no/such/model");

        var error = Assert.Throws<InvalidDataException>(ModelFolder.ResolveDefault);

        Assert.Contains("FAKENEWS_MODEL", error.Message);
        Assert.Contains("/no/such/model", error.Message);
    }
}
