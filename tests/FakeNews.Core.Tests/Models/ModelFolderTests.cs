using System.Text.Json.Nodes;
using FakeNews.Core.Classification;
using FakeNews.Core.Models;

namespace FakeNews.Core.Tests.Models;

public sealed class ModelFolderTests : IDisposable
{
    private readonly ModelFixture _model = new();

    public void Dispose() => _model.Dispose();

    private InvalidDataException LoadFails()
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelFolder.Load(_model.Directory));
        Assert.Contains(_model.Directory, error.Message);
        return error;
    }

    [Fact]
    public void Tiny_fixture_loads_with_its_config_and_tokenizer()
    {
        var folder = ModelFolder.Load(_model.Directory);

        Assert.Equal(_model.Directory, folder.Directory);
        Assert.Equal(_model.PathOf("model.onnx"), folder.OnnxPath);
        Assert.Equal("tiny-distilbert", folder.Config.Name);
        Assert.Equal("tiny-distilbert@1.0.0", folder.Config.Id);
        Assert.Equal(["real", "fake"], folder.Config.Labels);
        Assert.Equal(1, folder.Config.FakeIndex);
        Assert.Equal(128, folder.Config.MaxLength);
        Assert.Equal(1.0f, folder.Config.Temperature);
        Assert.Equal(0.5f, folder.Config.Threshold);
        Assert.Equal("logits", folder.Config.LogitsOutput);
        Assert.True(folder.Config.DoLowerCase);
        Assert.Equal(2, folder.Tokenizer.ClsId);
        Assert.Equal(3, folder.Tokenizer.SepId);
    }

    [Fact]
    public void Optional_fields_take_their_defaults()
    {
        _model.EditConfig(c =>
        {
            c.Remove("temperature");
            c.Remove("threshold");
            c.Remove("do_lower_case");
            c.Remove("outputs");
        });

        var config = ModelFolder.Load(_model.Directory).Config;

        Assert.Equal(1.0f, config.Temperature);
        Assert.Equal(0.5f, config.Threshold);
        Assert.True(config.DoLowerCase);
        Assert.Equal("logits", config.LogitsOutput);
    }

    [Fact]
    public void Missing_folder_fails_naming_it()
    {
        var missing = Path.Combine(_model.Directory, "nope");

        var error = Assert.Throws<InvalidDataException>(() => ModelFolder.Load(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Theory]
    [InlineData("model.onnx")]
    [InlineData("vocab.txt")]
    [InlineData("config.json")]
    public void Missing_file_fails_naming_the_file(string file)
    {
        File.Delete(_model.PathOf(file));

        Assert.Contains($"missing the file '{file}'", LoadFails().Message);
    }

    [Fact]
    public void Bad_json_fails_saying_so()
    {
        File.WriteAllText(_model.PathOf("config.json"), "{ \"name\": \"x\", ");

        var error = LoadFails();

        Assert.Contains("config.json", error.Message);
        Assert.Contains("is not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("version")]
    [InlineData("labels")]
    [InlineData("max_length")]
    public void Missing_required_field_fails_naming_the_field(string field)
    {
        _model.EditConfig(c => c.Remove(field));

        Assert.Contains($"missing the required field '{field}'", LoadFails().Message);
    }

    [Fact]
    public void Labels_without_fake_fail()
    {
        _model.EditConfig(c => c["labels"] = new JsonArray("real", "false"));

        Assert.Contains("'labels' must contain \"fake\"", LoadFails().Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(100_000)]
    public void Max_length_out_of_range_fails(int maxLength)
    {
        _model.EditConfig(c => c["max_length"] = maxLength);

        Assert.Contains($"'max_length' is {maxLength}", LoadFails().Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    public void Non_positive_temperature_fails(double temperature)
    {
        _model.EditConfig(c => c["temperature"] = temperature);

        Assert.Contains("'temperature'", LoadFails().Message);
        Assert.Contains("greater than 0", LoadFails().Message);
    }

    [Fact]
    public void Field_of_the_wrong_type_fails_naming_it()
    {
        _model.EditConfig(c => c["max_length"] = "big");

        Assert.Contains("'max_length' must be an integer", LoadFails().Message);
    }

    [Theory]
    [InlineData("[CLS]")]
    [InlineData("[SEP]")]
    [InlineData("[PAD]")]
    [InlineData("[UNK]")]
    public void Vocabulary_without_a_special_token_fails_naming_it(string token)
    {
        var lines = File.ReadAllLines(_model.PathOf("vocab.txt")).Select(l => l == token ? "[unused-" + token + "]" : l);
        File.WriteAllLines(_model.PathOf("vocab.txt"), lines);

        var error = LoadFails();

        Assert.Contains("vocab.txt", error.Message);
        Assert.Contains(token, error.Message);
    }

    [Fact]
    public void Per_kind_calibration_is_read_and_unlisted_kinds_use_the_top_level_values()
    {
        _model.EditConfig(c =>
        {
            c["temperature"] = 1.5;
            c["threshold"] = 0.4;
            c["calibration"] = new JsonObject
            {
                ["kinds"] = new JsonObject { ["article"] = new JsonObject { ["temperature"] = 2.0, ["bias"] = -0.25, ["threshold"] = 0.6 } },
            };
        });

        var config = ModelFolder.Load(_model.Directory).Config;

        Assert.Equal(new KindCalibration(2f, -0.25f, 0.6f), config.CalibrationFor(FakeNews.Core.Classification.InputKind.Article));
        Assert.Equal(new KindCalibration(1.5f, 0f, 0.4f), config.CalibrationFor(FakeNews.Core.Classification.InputKind.Post));
    }

    [Theory]
    [InlineData("{\"tweet\": {\"temperature\": 1, \"threshold\": 0.5}}", "'calibration.kinds.tweet' names an unknown kind; the kinds are claim, headline, article, post")]
    [InlineData("{\"post\": {\"threshold\": 0.5}}", "'calibration.kinds.post' is missing 'temperature'")]
    [InlineData("{\"post\": {\"temperature\": 0, \"threshold\": 0.5}}", "'calibration.kinds.post.temperature' is 0")]
    [InlineData("{\"post\": {\"temperature\": 1, \"threshold\": 1.5}}", "'calibration.kinds.post.threshold' is 1.5")]
    [InlineData("[1]", "'calibration.kinds' must be an object")]
    public void Bad_per_kind_calibration_fails_naming_the_field(string kinds, string message)
    {
        _model.EditConfig(c => c["calibration"] = new JsonObject { ["kinds"] = JsonNode.Parse(kinds) });

        Assert.Contains(message, LoadFails().Message);
    }

    [Fact]
    public void A_calibration_that_is_not_an_object_fails_naming_the_field()
    {
        _model.EditConfig(c => c["calibration"] = JsonNode.Parse("[1]"));

        Assert.Contains("field 'calibration' must be an object.", LoadFails().Message);
    }

    [Fact]
    public void Kind_outputs_are_read_and_each_kind_finds_its_output_among_the_used_ones()
    {
        using var posthead = new ModelFixture("tiny-distilbert-posthead");

        var config = ModelFolder.Load(posthead.Directory).Config;

        Assert.Equal("post_logits", Assert.Single(config.KindOutputs!, e => e.Key == InputKind.Post).Value);
        Assert.Equal(["logits", "post_logits"], config.UsedOutputs);
        Assert.Equal(1, config.OutputIndexFor(InputKind.Post));
        Assert.Equal(0, config.OutputIndexFor(InputKind.Claim));
        Assert.Equal(0, config.OutputIndexFor(InputKind.Article));
    }

    [Fact]
    public void Without_kind_outputs_only_the_first_output_is_used()
    {
        _model.EditConfig(c => c["outputs"] = new JsonArray("logits", "post_logits"));

        var config = ModelFolder.Load(_model.Directory).Config;

        Assert.Null(config.KindOutputs);
        Assert.Equal(["logits"], config.UsedOutputs);
        Assert.All(Enum.GetValues<InputKind>(), kind => Assert.Equal(0, config.OutputIndexFor(kind)));
    }

    [Fact]
    public void Used_outputs_list_each_output_once_in_outputs_order_after_the_first()
    {
        _model.EditConfig(c =>
        {
            c["outputs"] = new JsonArray("logits", "hidden", "article_logits", "post_logits");
            c["kind_outputs"] = new JsonObject { ["post"] = "post_logits", ["article"] = "article_logits", ["headline"] = "post_logits", ["claim"] = "logits" };
        });

        var config = ModelFolder.Load(_model.Directory).Config;

        Assert.Equal(["logits", "article_logits", "post_logits"], config.UsedOutputs);
        Assert.Equal(0, config.OutputIndexFor(InputKind.Claim));
        Assert.Equal(1, config.OutputIndexFor(InputKind.Article));
        Assert.Equal(2, config.OutputIndexFor(InputKind.Post));
        Assert.Equal(2, config.OutputIndexFor(InputKind.Headline));
    }

    [Theory]
    [InlineData("{\"tweet\": \"post_logits\"}", "'kind_outputs.tweet' names an unknown kind; the kinds are claim, headline, article, post")]
    [InlineData("{\"post\": \"scores\"}", "'kind_outputs.post' is 'scores', which is not listed in 'outputs'; the outputs are [logits, post_logits]")]
    [InlineData("{\"post\": 1}", "'kind_outputs.post' must be the name of an output; the outputs are [logits, post_logits]")]
    [InlineData("[\"post_logits\"]", "'kind_outputs' must be an object of kind name -> output name")]
    [InlineData("\"post_logits\"", "'kind_outputs' must be an object of kind name -> output name")]
    public void Bad_kind_outputs_fail_naming_the_field_and_the_fix(string kindOutputs, string message)
    {
        _model.EditConfig(c =>
        {
            c["outputs"] = new JsonArray("logits", "post_logits");
            c["kind_outputs"] = JsonNode.Parse(kindOutputs);
        });

        var error = LoadFails();

        Assert.Contains("config.json", error.Message);
        Assert.Contains(message, error.Message);
    }
}
