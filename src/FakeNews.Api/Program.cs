using FakeNews.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFakeNewsApi();

var app = builder.Build();
app.MapFakeNewsApi();
app.Run();

/// <summary>The API's entry point; public so functional tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
