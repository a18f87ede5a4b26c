using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FakeNews.Api.Tests;

/// <summary>Runs only where Debian's Chromium is installed (CI: <c>apt-get install -y chromium</c>); never downloads a browser.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath}; install it with 'apt-get install -y chromium' to run the browser test.";
        }
    }
}

public sealed class BrowserTests
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-domain-reliability", "--no-first-run", "--metrics-recording-only",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    ];

    [ChromiumFact]
    public async Task Page_in_Chromium_shows_the_verdicts_for_a_claim_and_an_article()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        factory.UseKestrel();
        factory.StartServer();
        using var api = await factory.CreateReadyClientAsync();
        var baseUrl = api.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.StartsWith("http://127.0.0.1:", baseUrl);

        const string claim = "Says the county library board wants to close every branch on weekends and holidays.";
        var article = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "samples", "articles", "moon-base-leak.txt"));
        var expectedClaim = await ClassifyAsync(api, new { text = claim, metadata = new { speaker = "Jane Doe" } });
        var expectedArticle = await ClassifyAsync(api, new { text = article, title = "Leaked memo" });
        var windows = expectedArticle.GetProperty("chunks").GetArrayLength();
        Assert.True(windows > 1, "the sample article should need several windows of the tiny model");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        var requested = new ConcurrentBag<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(baseUrl + "/");
        await Expect(page.Locator("#model-name")).ToContainTextAsync("tiny-distilbert 1.0.0 (CPU)");
        await Expect(page.Locator("#caveat")).ToContainTextAsync("not a fact checker");

        // A claim, entirely from the keyboard: labelled fields in tab order, Ctrl+Enter submits.
        var text = page.GetByLabel("Claim or article");
        await text.FillAsync(claim);
        await text.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("speaker", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("Jane Doe");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("submit", await page.EvaluateAsync<string>("document.activeElement.id"));
        await text.PressAsync("Control+Enter");
        await ExpectVerdictAsync(page, expectedClaim);
        await Expect(page.Locator("#windows")).ToBeHiddenAsync();
        Directory.CreateDirectory(Repo.TestResults);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repo.TestResults, "page-claim-1000px.png"), FullPage = true });

        // An article with a title, submitted with the button: per-window scores appear.
        await text.FillAsync(article);
        await page.GetByLabel("Speaker").FillAsync(string.Empty);
        await page.GetByLabel("Title").FillAsync("Leaked memo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await ExpectVerdictAsync(page, expectedArticle);
        await Expect(page.Locator("#window-rows tr")).ToHaveCountAsync(windows);

        // Phone width: nothing overflows sideways.
        await page.SetViewportSizeAsync(375, 800);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "the page overflows a 375 px screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repo.TestResults, "page-article-375px.png"), FullPage = true });

        Assert.All(requested, url => Assert.StartsWith(baseUrl + "/", url));
    }

    [ChromiumFact]
    public async Task Page_says_how_it_read_the_text_and_marks_that_kind_s_threshold()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var model = new KindCalibratedModel();
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Classifier:ModelDirectory"] = model.Directory,
        });
        factory.UseKestrel();
        factory.StartServer();
        using var api = await factory.CreateReadyClientAsync();
        var baseUrl = api.BaseAddress!.GetLeftPart(UriPartial.Authority);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        await Expect(page.Locator("#model-name")).ToContainTextAsync("tiny-distilbert");
        var text = page.GetByLabel("Claim or article");

        // The page's model threshold is the claim kind's (config.json threshold); a post and a headline are decided
        // by their own, and the page must show the one that decided.
        foreach (var (input, kind, reading) in new[]
                 {
                     ("The library board closes every branch https://example.org/news", "post", "Read as a post"),
                     ("County library board closes every branch", "headline", "Read as a headline"),
                     ("Says the county library board wants to close every branch.", "claim", "Read as a claim"),
                 })
        {
            var expected = await ClassifyAsync(api, new { text = input });
            Assert.Equal(kind, expected.GetProperty("kind").GetString());
            var threshold = (KindCalibratedModel.Thresholds[kind] * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

            await text.FillAsync(input);
            await page.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();

            await ExpectVerdictAsync(page, expected);
            await Expect(page.Locator("#kind")).ToContainTextAsync(reading);
            await Expect(page.Locator("#p-fake-label")).ToContainTextAsync($"verdict is fake at {threshold} or more");
            Assert.Equal(KindCalibratedModel.Thresholds[kind] * 100, await page.EvaluateAsync<double>("parseFloat(document.getElementById('bar-mark').style.left)"), 6);
            await Expect(page.Locator("#verdict")).ToContainTextAsync(kind == "claim" ? "claim" : "news");
        }
    }

    private static async Task<JsonElement> ClassifyAsync(HttpClient api, object request)
    {
        using var response = await api.PostAsJsonAsync("/v1/classify", request);
        response.EnsureSuccessStatusCode();
        return await Json.ReadAsync(response);
    }

    private static async Task ExpectVerdictAsync(IPage page, JsonElement expected)
    {
        var percent = (expected.GetProperty("p_fake").GetDouble() * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-label", expected.GetProperty("label").GetString()!);
        await Expect(page.Locator("#p-fake-label")).ToContainTextAsync("Probability fake: " + percent);
        await Expect(page.Locator("#bar")).ToHaveAttributeAsync("aria-valuetext", percent + " fake");
    }
}
