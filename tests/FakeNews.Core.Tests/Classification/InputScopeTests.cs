using FakeNews.Core.Classification;
using FakeNews.Core.Tests.Tokenization;

namespace FakeNews.Core.Tests.Classification;

public class InputScopeTests
{
    [SkippableFact]
    public void Of_every_claim_article_and_post_of_the_data_sets_only_the_one_spanish_claim_is_refused()
    {
        var requests = DataRequests();
        var refused = requests
            .Select(request => (Request: request, Reason: InputScope.Refusal(request)))
            .Where(pair => pair.Reason is not null)
            .Take(10)
            .Select(pair => $"{pair.Reason} <- {pair.Request.Title} | {pair.Request.Text[..Math.Min(120, pair.Request.Text.Length)]}")
            .ToList();
        Assert.True(requests.Count > 20_000, $"only {requests.Count} requests read");

        // LIAR train holds one claim quoted in Spanish (8269.json); everything else is English.
        var spanish = Assert.Single(refused);
        Assert.StartsWith("The text looks like Spanish, not English.", spanish, StringComparison.Ordinal);
        Assert.EndsWith("<-  | Soy ... el nico official estatal quin es un hombre de negocios.", spanish, StringComparison.Ordinal);
    }

    private static List<ClassificationRequest> DataRequests() =>
        TokenizerCorpus.DataItems().Select(item => new ClassificationRequest(item.Text, item.Title)).ToList();

    [Theory]
    [InlineData("French", "Le gouvernement a annoncé une nouvelle loi sur les retraites hier soir.")]
    [InlineData("French", "Selon le ministre, les vaccins ne sont pas dangereux pour les enfants et la campagne continue.")]
    [InlineData("German", "Die Regierung hat gestern ein neues Rentengesetz angekündigt.")]
    [InlineData("German", "Der Bundestag hat am Donnerstag das Gesetz mit einer knappen Mehrheit beschlossen, berichtet die Zeitung.")]
    [InlineData("Spanish", "El presidente anunció que el gobierno no subirá los impuestos durante este año.")]
    [InlineData("Italian", "Il governo ha approvato la nuova legge sulla scuola, ma le opposizioni non sono d'accordo.")]
    [InlineData("Portuguese", "O ministro disse que a vacina não é obrigatória e que a campanha começa na segunda-feira.")]
    [InlineData("Dutch", "De regering heeft een nieuw plan voor de zorg gepresenteerd, maar de oppositie is niet tevreden.")]
    [InlineData("Cyrillic script", "Правительство объявило о новых мерах поддержки экономики.")]
    [InlineData("Chinese script", "政府今天宣布了新的经济刺激计划，以支持中小企业。")]
    [InlineData("Arabic script", "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني")]
    [InlineData("Greek script", "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.")]
    [InlineData("Indic script", "सरकार ने आज अर्थव्यवस्था के लिए नए उपायों की घोषणा की।")]
    public void Text_clearly_in_another_language_is_named(string language, string text)
    {
        Assert.Equal(language, InputScope.ForeignLanguage(text));
        var refusal = InputScope.Refusal(new ClassificationRequest(text));
        Assert.NotNull(refusal);
        Assert.Contains($"looks like {language}, not English", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kitchen Spice Reverses Diabetes")]
    [InlineData("Le Pen wins first round")]
    [InlineData("Ursula von der Leyen said the European Union will buy more doses of the vaccine this year.")]
    [InlineData("The senator called it a de facto tax increase, and said la Guardia airport was a national embarrassment.")]
    [InlineData("Says Joe Biden voted for the Iraq war and supported NAFTA.")]
    [InlineData("#IndiaFightsCorona More than 9 lakh #COVID19 tests conducted in the last 24 hours. https://t.co/abc")]
    [InlineData("Die-hard fans of the team say the coach hat trick story is fake news from the war room.")]
    [InlineData("Moscow says \u00ABПравда\u00BB printed the story first, but the Kremlin denied that on Tuesday.")]
    [InlineData("Read this before you share it: https://example.com/story")]
    [InlineData("Los Angeles and El Paso police said Bill de Blasio and José de la Cruz were not at the meeting in San Diego.")]
    public void English_texts_short_headlines_and_texts_with_foreign_names_are_kept(string text)
    {
        Assert.Null(InputScope.ForeignLanguage(text));
        Assert.Null(InputScope.Refusal(new ClassificationRequest(text)));
    }

    [Theory]
    [InlineData("https://www.example.com/news/2026/12/miracle-cure-for-diabetes")]
    [InlineData("  www.bbc.co.uk/news/world-12345678 ")]
    [InlineData("bbc.co.uk/news/world-12345678")]
    [InlineData("https://t.co/abc https://t.co/def\n")]
    [InlineData("<https://example.com/a>")]
    public void A_text_that_is_only_a_link_is_refused_with_the_link_in_the_message(string text)
    {
        var refusal = InputScope.Refusal(new ClassificationRequest(text));
        Assert.NotNull(refusal);
        Assert.StartsWith("The text is only a link (", refusal, StringComparison.Ordinal);
        Assert.Contains("does not fetch web pages", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_with_a_title_is_judged_by_the_title()
    {
        var request = new ClassificationRequest("https://example.com/story", Title: "Kitchen Spice Reverses Diabetes");
        Assert.Null(InputScope.Refusal(request));
    }

    [Fact]
    public void A_long_link_is_shortened_in_the_message()
    {
        var link = "https://example.com/" + new string('a', 200);
        var refusal = InputScope.Refusal(new ClassificationRequest(link))!;
        Assert.Contains("https://example.com/aaa", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 100), refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Speaker_metadata_is_not_read()
    {
        var metadata = new ArticleMetadata(Speaker: "Président de la République", Context: "une interview à la télévision");
        Assert.Null(InputScope.Refusal(new ClassificationRequest("Says the unemployment rate fell to its lowest level in a decade.", Metadata: metadata)));
    }
}
