using FakeNews.Inference;

namespace FakeNews.Inference.Tests;

public class OptionsTests
{
    private static readonly string Model = Fixtures.Model("tiny-distilbert");

    [Fact]
    public void Defaults_are_valid()
    {
        new ClassifierOptions { ModelDirectory = Model }.Validate();
    }

    public static TheoryData<ClassifierOptions, string> InvalidWithoutModel => new()
    {
        { new ClassifierOptions(), "ModelDirectory" },
        { new ClassifierOptions { ModelDirectory = Model, MaxBatchSize = 0 }, "MaxBatchSize" },
        { new ClassifierOptions { ModelDirectory = Model, MaxBatchTokens = 0 }, "MaxBatchTokens" },
        { new ClassifierOptions { ModelDirectory = Model, MaxBatchDelay = TimeSpan.FromMilliseconds(-1) }, "MaxBatchDelay" },
        { new ClassifierOptions { ModelDirectory = Model, QueueCapacity = 0 }, "QueueCapacity" },
        { new ClassifierOptions { ModelDirectory = Model, MaxWindows = 100, QueueCapacity = 99 }, "QueueCapacity" },
        { new ClassifierOptions { ModelDirectory = Model, MaxWindows = 0 }, "MaxWindows" },
        { new ClassifierOptions { ModelDirectory = Model, WindowStride = -1 }, "WindowStride" },
        { new ClassifierOptions { ModelDirectory = Model, MaxLength = 2 }, "MaxLength" },
        { new ClassifierOptions { ModelDirectory = Model, IntraOpThreads = -1 }, "IntraOpThreads" },
        { new ClassifierOptions { ModelDirectory = Model, Device = (ExecutionDevice)7 }, "Device" },
        { new ClassifierOptions { ModelDirectory = Model, MaxAddedPadding = -1 }, "MaxAddedPadding" },
    };

    [Theory]
    [MemberData(nameof(InvalidWithoutModel))]
    public void Invalid_setting_is_rejected_naming_it(ClassifierOptions options, string setting)
    {
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
        Assert.Contains($"ClassifierOptions.{setting}", error.Message);
    }

    public static TheoryData<ClassifierOptions, string> InvalidForTheModel => new()
    {
        { new ClassifierOptions { ModelDirectory = Model, MaxLength = 129 }, "MaxLength" },
        { new ClassifierOptions { ModelDirectory = Model, MaxBatchTokens = 127 }, "MaxBatchTokens" },
        { new ClassifierOptions { ModelDirectory = Model, MaxLength = 64, MaxBatchTokens = 63 }, "MaxBatchTokens" },
    };

    [Theory]
    [MemberData(nameof(InvalidForTheModel))]
    public async Task Setting_that_does_not_fit_the_model_fails_at_start_naming_it(ClassifierOptions options, string setting)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => FakeNewsClassifier.CreateAsync(options));

        Assert.Equal(setting, error.ParamName);
        Assert.Contains($"ClassifierOptions.{setting}", error.Message);
    }

    [Theory]
    [InlineData(null, 60, 60)]
    [InlineData(null, 64, 63)]
    [InlineData(null, 0, 0)]
    [InlineData(null, 200, 63)]
    [InlineData(32, 64, 15)]
    [InlineData(16, 14, 7)]
    public void Window_overlap_is_capped_at_half_the_window(int? maxLength, int stride, int expected)
    {
        var config = FakeNews.Core.Models.ModelFolder.Load(Model).Config;
        var options = new ClassifierOptions { ModelDirectory = Model, MaxLength = maxLength, WindowStride = stride };

        options.Validate(config);

        Assert.Equal(expected, options.EffectiveWindowStride(config));
    }

    [Theory]
    [InlineData(null, "CPU", ClassifierOptions.CpuMaxAddedPadding)]
    [InlineData(null, "CUDA", int.MaxValue)]
    [InlineData(0, "CUDA", 0)]
    [InlineData(100, "CPU", 100)]
    public void The_padding_limit_defaults_by_device_and_an_explicit_one_wins(int? setting, string provider, int expected)
    {
        var options = new ClassifierOptions { ModelDirectory = Model, MaxAddedPadding = setting };

        Assert.Equal(expected, options.EffectiveMaxAddedPadding(provider));
        Assert.Equal(expected, options.ToBatcherOptions(provider).MaxAddedPadding);
    }

    [Theory]
    [InlineData(null, "CPU", ClassifierOptions.CpuMaxBatchSize)]
    [InlineData(null, "CUDA", ClassifierOptions.CudaMaxBatchSize)]
    [InlineData(8, "CUDA", 8)]
    [InlineData(64, "CPU", 64)]
    public void The_batch_size_defaults_by_device_and_an_explicit_one_wins(int? setting, string provider, int expected)
    {
        var options = new ClassifierOptions { ModelDirectory = Model, MaxBatchSize = setting };

        Assert.Equal(expected, options.EffectiveMaxBatchSize(provider));
        Assert.Equal(expected, options.ToBatcherOptions(provider).MaxBatchSize);
    }
}
