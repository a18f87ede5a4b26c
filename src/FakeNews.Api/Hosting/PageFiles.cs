using Microsoft.Extensions.FileProviders;

namespace FakeNews.Api.Hosting;

/// <summary>The web page's files (Page/), embedded in the assembly so every host serves them without a content root.</summary>
internal static class PageFiles
{
    /// <summary>Serves Page/index.html, Page/app.js and Page/site.css as /index.html, /app.js and /site.css.</summary>
    public static IFileProvider Provider { get; } = new EmbeddedFileProvider(typeof(PageFiles).Assembly, "FakeNews.Api.Page");
}
