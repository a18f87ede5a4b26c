using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FakeNews.Api.Tests;

public sealed class BrowserExplainTests
{
    [ChromiumFact]
    public async Task Page_in_Chromium_highlights_each_attributed_unit_with_the_api_weights_and_a_legend()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        factory.UseKestrel();
        factory.StartServer();
        using var api = await factory.CreateReadyClientAsync();
        var baseUrl = api.BaseAddress!.GetLeftPart(UriPartial.Authority);
        const string claim = "Café owners say the <b>40%</b> tax hike — «énorme» — passed in secret! 🔥";
        using var response = await api.PostAsJsonAsync("/v1/classify", new { text = claim, title = "Tax <i>news</i>", explain = true });
        response.EnsureSuccessStatusCode();
        var expected = await Json.ReadAsync(response);
        var units = expected.GetProperty("attributions").EnumerateArray().ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        await page.GotoAsync(baseUrl + "/");
        await Expect(page.Locator("#model-name")).ToContainTextAsync("tiny-distilbert");
        await page.GetByLabel("Claim or article").FillAsync(claim);
        await page.GetByLabel("Title").FillAsync("Tax <i>news</i>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-label", expected.GetProperty("label").GetString()!);
        await Expect(page.Locator("#explanation")).ToBeHiddenAsync();

        // Turning the toggle on asks again with explain and highlights every unit; the markup in the text stays text.
        await page.GetByLabel("Show why").CheckAsync();
        await Expect(page.Locator("#explanation")).ToBeVisibleAsync();
        await Expect(page.Locator("#legend")).ToContainTextAsync("pushes toward fake");
        await Expect(page.Locator("#legend")).ToContainTextAsync("pushes toward real");
        Assert.Equal(claim, await page.Locator("#explained-text").TextContentAsync());
        Assert.Equal("Tax <i>news</i>", await page.Locator("#explained-title").TextContentAsync());
        Assert.Equal(0, await page.Locator("#explained-text b, #explained-title i").CountAsync());
        var marks = page.Locator("#explained-title mark, #explained-text mark");
        await Expect(marks).ToHaveCountAsync(units.Count);
        var maxAbs = units.Max(u => Math.Abs(u.GetProperty("weight").GetDouble()));
        for (var i = 0; i < units.Count; i++)
        {
            var weight = units[i].GetProperty("weight").GetDouble();
            var mark = marks.Nth(i);
            Assert.Equal(units[i].GetProperty("text").GetString(), await mark.TextContentAsync());
            Assert.Equal(weight, double.Parse((await mark.GetAttributeAsync("data-weight"))!, CultureInfo.InvariantCulture), 6);
            Assert.Equal(weight > 0 ? "toward-fake" : "toward-real", await mark.GetAttributeAsync("class"));
            var color = await mark.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor");
            Assert.StartsWith(weight > 0 ? "rgba(220, 38, 38," : "rgba(22, 163, 74,", color);
            var alpha = double.Parse(color.TrimEnd(')').Split(',')[3], CultureInfo.InvariantCulture);
            Assert.Equal(0.08 + (0.62 * Math.Abs(weight) / maxAbs), alpha, tolerance: 0.005);
        }

        Directory.CreateDirectory(Repo.TestResults);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repo.TestResults, "page-explain-1000px.png"), FullPage = true });

        // A multi-window article, explained while the toggle is on: its sentences are highlighted.
        var article = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "samples", "articles", "moon-base-leak.txt"));
        using var articleResponse = await api.PostAsJsonAsync("/v1/classify", new { text = article, explain = true });
        var sentences = (await Json.ReadAsync(articleResponse)).GetProperty("attributions").EnumerateArray().ToList();
        await page.GetByLabel("Title").FillAsync(string.Empty);
        await page.GetByLabel("Claim or article").FillAsync(article);
        await page.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await Expect(page.Locator("#unit-kind")).ToHaveTextAsync("sentences");
        await Expect(page.Locator("#explained-text mark")).ToHaveCountAsync(sentences.Count);
        await Expect(page.Locator("#explained-title")).ToBeHiddenAsync();
        Assert.Equal(article, await page.Locator("#explained-text").TextContentAsync());
        Assert.Equal(sentences[^1].GetProperty("text").GetString(), await page.Locator("#explained-text mark").Last.TextContentAsync());

        // Turning it off hides the highlights without another request.
        await page.GetByLabel("Show why").UncheckAsync();
        await Expect(page.Locator("#explanation")).ToBeHiddenAsync();
    }
}
