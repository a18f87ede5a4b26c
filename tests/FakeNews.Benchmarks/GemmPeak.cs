using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace FakeNews.Benchmarks;

/// <summary>
/// Times a one-node square matrix-product graph written by scripts/gemm_peak.py under ONNX Runtime (CPU):
/// <c>gemm FILE fp32|int8 N SECONDS THREADS</c>. Prints one JSON line: runs, seconds, gops (2 N^3 per run / s).
/// </summary>
internal static class GemmPeak
{
    public static int Run(string[] args)
    {
        if (args.Length != 6)
        {
            Console.Error.WriteLine("usage: gemm FILE fp32|int8 N SECONDS THREADS");
            return 2;
        }

        var (file, kind) = (args[1], args[2]);
        var n = int.Parse(args[3], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[4], CultureInfo.InvariantCulture);
        var threads = int.Parse(args[5], CultureInfo.InvariantCulture);
        using var options = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(file, options);
        var random = new Random(1);
        long[] shape = [n, n];
        using var a = kind == "int8"
            ? OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n * n).Select(_ => (byte)random.Next(256)).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble()).ToArray(), shape);
        using var b = kind == "int8"
            ? OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n * n).Select(_ => (sbyte)random.Next(-127, 128)).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble()).ToArray(), shape);
        using var runOptions = new RunOptions();
        string[] inputs = ["a", "b"];
        OrtValue[] values = [a, b];
        string[] outputs = ["c"];
        for (var i = 0; i < 2; i++)
        {
            using var warm = session.Run(runOptions, inputs, values, outputs);
        }

        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            using var result = session.Run(runOptions, inputs, values, outputs);
            runs++;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var gops = 2.0 * n * n * (double)n * runs / elapsed / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"kind\":\"{kind}\",\"n\":{n},\"runs\":{runs},\"seconds\":{elapsed:F3},\"gops\":{gops:F2},\"threads\":{(threads == 0 ? Environment.ProcessorCount : threads)}}}"));
        return 0;
    }
}
