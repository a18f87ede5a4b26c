using FakeNews.Api.Hosting;

// Content root = the build output, so appsettings.json applies whatever directory `dotnet run` or `make serve` starts from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddFakeNewsApiHost();

var app = builder.Build();
app.UseFakeNewsApiHost();
app.Run();

/// <summary>The API's entry point; public so functional tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
