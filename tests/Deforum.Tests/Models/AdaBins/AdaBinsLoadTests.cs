using Deforum.Models;
using Deforum.Models.AdaBins;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Tests.Media;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models.AdaBins;

/// <summary>Bad AdaBins files give one clear error naming the file and what is wrong; good variants of the layout load.</summary>
public sealed class AdaBinsLoadTests
{
    [Fact]
    public void A_missing_file_names_it_and_the_download()
    {
        var e = Assert.Throws<ModelLoadException>(() => UnetAdaptiveBins.Load("/nonexistent/AdaBins_nyu.pt"));
        Assert.Contains("'/nonexistent/AdaBins_nyu.pt' not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("AdaBins_nyu.pt (https://", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_truncated_download_is_refused_with_the_fix()
    {
        using var dir = new TempFolder();
        var bytes = File.ReadAllBytes(AdaBinsGolden.AnyCheckpoint());
        var path = dir.File("AdaBins_nyu.pt");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ModelLoadException>(() => UnetAdaptiveBins.Load(path));
        Assert.Contains($"'{path}' cannot be read", e.Message, StringComparison.Ordinal);
        Assert.Contains("interrupted download", e.Message, StringComparison.Ordinal);
        Assert.Contains("delete it and download AdaBins_nyu.pt", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Another_models_checkpoint_is_not_taken_for_adabins()
    {
        var sd = Path.Combine(RepoPaths.GoldenDir, "tiny-sd.safetensors");
        Golden.RequireData(File.Exists(sd), $"{sd} missing");
        var e = Assert.Throws<ModelLoadException>(() => UnetAdaptiveBins.Load(sd));
        Assert.Contains($"'{sd}' has no blocks in encoder stage 0 ('encoder.original_model.blocks.0.0.*')", e.Message, StringComparison.Ordinal);
        Assert.Contains("not an AdaBins checkpoint", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_missing_and_an_extra_key_are_named()
    {
        using var dir = new TempFolder();
        var path = dir.File("edited.safetensors");
        Rewrite(path, weights =>
        {
            weights.Remove("decoder.up2._net.4.running_var", out var moved);
            weights["decoder.up2._net.4.running_variance"] = moved!;
        });
        var e = Assert.Throws<ModelLoadException>(() => UnetAdaptiveBins.Load(path));
        Assert.Contains("missing from the checkpoint: decoder.up2._net.4.running_var [", e.Message, StringComparison.Ordinal);
        Assert.Contains("not in the model: decoder.up2._net.4.running_variance [", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}' is not the AdaBins network or is damaged", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_wrong_shape_is_named_with_both_shapes()
    {
        using var dir = new TempFolder();
        var path = dir.File("edited.safetensors");
        long[] original = [];
        Rewrite(path, weights =>
        {
            const string key = "adaptive_bins_layer.conv3x3.bias";
            original = weights[key].Shape;
            weights[key].Dispose();
            weights[key] = Tensor.Zeros([original[0] + 1]);
        });
        var e = Assert.Throws<ModelLoadException>(() => UnetAdaptiveBins.Load(path));
        Assert.Contains($"adaptive_bins_layer.conv3x3.bias: checkpoint [{original[0] + 1}], config [{original[0]}]", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Unprefixed_and_legacy_key_names_load_as_the_original_loader_renames_them()
    {
        using var dir = new TempFolder();
        var path = dir.File("legacy.safetensors");
        Rewrite(path, weights =>
        {
            foreach (var key in weights.Keys.Where(k => k.StartsWith("adaptive_bins_layer.conv3x3.", StringComparison.Ordinal)).ToList())
            {
                weights.Remove(key, out var t);
                weights["adaptive_bins_layer.embedding_conv." + key["adaptive_bins_layer.conv3x3.".Length..]] = t!;
            }
        });
        using var reference = UnetAdaptiveBins.Load(AdaBinsGolden.AnyCheckpoint());
        using var renamed = UnetAdaptiveBins.Load(path);
        var expected = reference.StateDict();
        Assert.All(renamed.StateDict(), kv => Assert.Equal(expected[kv.Key].ToArray<float>(), kv.Value.ToArray<float>()));
    }

    [SkippableFact]
    public void Predict_refuses_images_it_cannot_take()
    {
        using var helper = new AdaBinsInference(UnetAdaptiveBins.Load(AdaBinsGolden.AnyCheckpoint()));
        using var scope = DisposeScope.Begin();
        var rgba = Assert.Throws<ArgumentException>(() => helper.Predict(Tensor.Zeros([96, 96, 4], DType.UInt8)));
        Assert.Contains("H×W×3 uint8 image; got [96, 96, 4] UInt8", rgba.Message, StringComparison.Ordinal);
        var small = Assert.Throws<ArgumentException>(() => helper.Predict(Tensor.Zeros([32, 32, 3], DType.UInt8)));
        Assert.Contains("it is too small", small.Message, StringComparison.Ordinal);
    }

    /// <summary>The golden checkpoint's model tensors, edited, written as safetensors without the 'module.' prefix.</summary>
    static void Rewrite(string path, Action<Dictionary<string, Tensor>> edit)
    {
        using var model = UnetAdaptiveBins.Load(AdaBinsGolden.AnyCheckpoint());
        var weights = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone(), StringComparer.Ordinal);
        try
        {
            edit(weights);
            SafetensorsWriter.Write(path, [.. weights.Select(kv => (kv.Key, kv.Value))], floatDType: DType.Float32);
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }
}
