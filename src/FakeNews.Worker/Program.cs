using FakeNews.Worker;
using Microsoft.Extensions.Hosting;

// appsettings.json is read from the program's folder, so the worker runs the same from any current directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddFakeNewsWorker(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
