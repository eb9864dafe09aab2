using Course.MachineLearning.Data;
using Course.MachineLearning.Network;
using Course.MachineLearning.Torch;
using TorchSharp;
using Xunit.Abstractions;

namespace Course.MachineLearning.Tests;

public class TorchRuntimeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe_reports_a_status_with_a_reason()
    {
        var status = TorchSharpRuntime.EnsureLoadable();
        output.WriteLine(status.ToString());
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        Assert.Same(status, TorchSharpRuntime.EnsureLoadable()); // cached: runs once per process
    }

    [Fact]
    public void Marking_weak_sets_only_that_flag_and_is_idempotent()
    {
        var path = TorchSharpRuntime.PackageFile("TorchSharp", "TorchSharpPackageVersion", "runtimes/linux-x64/native/libLibTorchSharp.so");
        Skip.IfNot(File.Exists(path), $"{path} not restored");
        var original = File.ReadAllBytes(path);
        var bytes = (byte[])original.Clone();
        var before = ElfVersionNeeds.Read(bytes);
        Assert.Contains(before, r => r.Library == "libstdc++.so.6" && r.Version == "GLIBCXX_3.4.32");
        ElfVersionNeeds.MarkWeak(bytes, "GLIBCXX_3.4.32"); // true on a fresh copy, false on an already patched one
        Assert.False(ElfVersionNeeds.MarkWeak(bytes, "GLIBCXX_3.4.32"));
        var after = ElfVersionNeeds.Read(bytes);
        Assert.True(after.Single(r => r.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.Equal(before.Where(r => r.Version != "GLIBCXX_3.4.32"), after.Where(r => r.Version != "GLIBCXX_3.4.32"));
        var differing = Enumerable.Range(0, bytes.Length).Count(i => bytes[i] != original[i]);
        Assert.InRange(differing, 0, 1); // at most the one flags byte
    }

    [Fact]
    public void Libtorch_is_not_copied_into_the_build_output()
    {
        // ExcludeAssets="native" in Course.MachineLearning.csproj: ~490 MB per consumer otherwise (artifacts/course too).
        var copies = Directory.EnumerateFiles(AppContext.BaseDirectory, "libtorch_cpu.so", SearchOption.AllDirectories).ToList();
        Assert.True(copies.Count == 0, $"libtorch copied into {string.Join(", ", copies)}");
    }

    [Fact]
    public void A_file_that_is_not_elf_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[100]));
    }
}

public class TorchComparisonTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Copied_network_computes_the_same_scores_as_the_scratch_one()
    {
        Skip.If(TorchSharpRuntime.SkipReason is not null, TorchSharpRuntime.SkipReason);
        var scratch = Sequential.Mlp([4, 5, 3], Activation.Tanh, seed: 3);
        var x = Synthetic.Blobs(6, [[0, 0, 0, 0], [1, 1, 1, 1]], 1, seed: 3).Features;
        using var mirror = TorchMlp.From(scratch, torch.ScalarType.Float64);
        using var scores = mirror.Module.forward(mirror.Features(x));
        var expected = scratch.Forward(x).Values;
        var actual = scores.data<double>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [SkippableFact]
    public void TorchSharp_and_scratch_reach_the_same_digits_accuracy_within_one_point()
    {
        Skip.If(TorchSharpRuntime.SkipReason is not null, TorchSharpRuntime.SkipReason);
        const int seed = 1;
        var (train, test) = Digits.StandardisedSplit(seed);
        var options = new TrainingOptions { Epochs = 20, BatchSize = 32, Seed = seed };
        var scratch = Sequential.Mlp([64, 64, 10], Activation.Relu, seed);
        using var mirror = TorchMlp.From(scratch); // copies the initial weights before training
        torch.set_num_threads(1);
        var ours = Trainer.Fit(scratch, new Adam(1e-3), train, options, test)[^1].ValidationAccuracy!.Value;
        var theirs = mirror.Fit(train, 1e-3, options, test)[^1].ValidationAccuracy!.Value;
        output.WriteLine($"seed {seed}: scratch {ours:P2}, TorchSharp {theirs:P2}");
        Assert.True(Math.Abs(ours - theirs) <= 0.01, $"seed {seed}: scratch {ours:P2} vs TorchSharp {theirs:P2}");
    }
}
