using Deforum.Models;
using Deforum.Models.Weights;
using Deforum.Rendering;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models.Depth;

/// <summary>Crafted bad MiDaS checkpoints (cut off, renamed keys, wrong shapes, another model) → an error naming the file and what is wrong.</summary>
public sealed class MidasLoadingTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-midas-").FullName;

    static string TinyMidas()
    {
        var path = DepthGoldenModels.CheckpointFile("midas_tiny");
        Golden.RequireData(File.Exists(path), $"{path} missing");
        return path;
    }

    static Task<DepthModel> Load(string checkpoint) =>
        DepthModelLoader.LoadAsync(new DepthModelOptions { ModelsPath = Path.GetDirectoryName(checkpoint)!, MidasCheckpoint = checkpoint },
            1.0, Device.Cpu, DType.Float32);

    /// <summary>The tiny model's tensors, edited, written as safetensors.</summary>
    string Edited(Action<Dictionary<string, Tensor>> edit)
    {
        using var checkpoint = Checkpoint.Load(TinyMidas());
        var tensors = checkpoint.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        using var scope = DisposeScope.Begin();
        edit(tensors);
        var path = Path.Combine(_dir, "edited.safetensors");
        SafetensorsWriter.Write(path, [.. tensors.Select(kv => (kv.Key, kv.Value))], floatDType: DType.Float32);
        return path;
    }

    [SkippableFact]
    public async Task The_tiny_checkpoint_loads_and_predicts()
    {
        using var depth = await Load(TinyMidas());
        using var scope = DisposeScope.Begin();
        var result = depth.Predict(Tensor.Zeros([40, 56, 3], DType.UInt8));
        Assert.Equal([40L, 56L], result.Shape);
        Assert.Equal(DType.Float32, result.DType);
    }

    [SkippableFact]
    public async Task A_cut_off_checkpoint_is_refused_with_its_path()
    {
        var bytes = await File.ReadAllBytesAsync(TinyMidas());
        var cut = Path.Combine(_dir, "cut.pt");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 3 / 5)]);

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Load(cut));

        Assert.Contains(cut, e.Message, StringComparison.Ordinal);
        Assert.IsType<CheckpointFormatException>(e.InnerException);
    }

    [SkippableFact]
    public async Task A_renamed_key_is_named_as_missing_and_as_unexpected()
    {
        var path = Edited(t =>
        {
            t["scratch.refinenet1.outconv.weight"] = t["scratch.refinenet1.out_conv.weight"];
            t.Remove("scratch.refinenet1.out_conv.weight");
        });

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Contains("scratch.refinenet1.out_conv.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("scratch.refinenet1.outconv.weight", e.Message, StringComparison.Ordinal);
        Assert.IsType<ModelWeightsException>(e.InnerException);
    }

    [SkippableFact]
    public async Task A_wrong_shape_is_named_with_both_shapes()
    {
        var path = Edited(t =>
        {
            var w = t["scratch.layer2_rn.weight"];
            t["scratch.layer2_rn.weight"] = Tensor.Zeros([w.Shape[0], w.Shape[1] + 1, 3, 3]);
        });

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Contains("scratch.layer2_rn.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("shape", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_checkpoint_without_the_position_embedding_says_what_is_missing()
    {
        var path = Edited(t => t.Remove("pretrained.model.pos_embed"));

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));

        Assert.Contains("pretrained.model.pos_embed", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Another_model_is_refused_as_not_dpt_large()
    {
        var sd = TinyModel.SafetensorsPath;
        Golden.RequireData(File.Exists(sd), $"{sd} missing");

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Load(sd));

        Assert.Contains("MiDaS DPT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Load(Path.Combine(_dir, "absent.pt")));
        Assert.Contains("absent.pt", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
