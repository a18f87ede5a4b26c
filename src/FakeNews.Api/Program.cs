using FakeNews.Api.Hosting;

// Content root = the build output, so appsettings.json applies whatever directory `dotnet run` or `make serve` starts from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddFakeNewsApi();
builder.AddApiAccess();
builder.AddRequestLimits();

var app = builder.Build();
app.UseSecurityHeaders();
app.MapFakeNewsApi();
app.UseApiAccess();
app.UseRequestLimits();
app.Run();

/// <summary>The API's entry point; public so functional tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
