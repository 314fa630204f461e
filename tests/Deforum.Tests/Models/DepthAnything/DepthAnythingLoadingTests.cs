using Deforum.Models.DepthAnything;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Tests.Media;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models.DepthAnything;

/// <summary>The tiny golden models through both formats, and crafted bad checkpoints: each fails with a message that names the problem.</summary>
public sealed class DepthAnythingLoadingTests : IDisposable
{
    readonly TempFolder _dir = new();

    public static IEnumerable<object[]> ModelIds => DepthAnythingGoldenModels.Rows();

    /// <summary>The golden model's tensors as a mutable dictionary (for crafting bad files).</summary>
    static Dictionary<string, Tensor> Tensors(string id)
    {
        using var ckpt = Checkpoint.Load(DepthAnythingGoldenModels.File(id, "safetensors"));
        return ckpt.TakeAll();
    }

    string Write(Dictionary<string, Tensor> tensors, string name)
    {
        var path = Path.Combine(_dir.Path, name);
        SafetensorsWriter.Write(path, [.. tensors.Select(kv => (kv.Key, kv.Value))], floatDType: DType.Float32);
        foreach (var t in tensors.Values) t.Dispose();
        return path;
    }

    [SkippableTheory]
    [MemberData(nameof(ModelIds))]
    public void The_pth_and_the_safetensors_file_load_the_same_model(string id)
    {
        DepthAnythingGoldenModels.Require(id);
        using var fromPth = DepthAnythingV2.Load(DepthAnythingGoldenModels.File(id, "pth"), layout: DepthAnythingGoldenModels.Layout(id));
        using var fromSafetensors = DepthAnythingV2.Load(DepthAnythingGoldenModels.File(id, "safetensors"), layout: DepthAnythingGoldenModels.Layout(id));
        var a = fromPth.StateDict();
        var b = fromSafetensors.StateDict();
        Assert.Equal(DepthAnythingGoldenModels.Entry(id).GetProperty("n_keys").GetInt32(), a.Count);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (key, t) in a) Assert.True(t.ToArray<float>().SequenceEqual(b[key].ToArray<float>()), key);
    }

    [SkippableTheory]
    [MemberData(nameof(ModelIds))]
    public void The_config_comes_from_the_weights(string id)
    {
        DepthAnythingGoldenModels.Require(id);
        using var model = DepthAnythingGoldenModels.Load(id);
        var declared = DepthAnythingGoldenModels.Entry(id).GetProperty("config");
        var dino = declared.GetProperty("DinoVisionTransformer");
        var head = declared.GetProperty("DepthAnythingV2");
        Assert.Equal(dino.GetProperty("embed_dim").GetInt32(), model.Config.EmbedDim);
        Assert.Equal(dino.GetProperty("depth").GetInt32(), model.Config.Depth);
        Assert.Equal(dino.GetProperty("patch_size").GetInt32(), model.Config.PatchSize);
        Assert.Equal(dino.GetProperty("img_size").GetInt32() / model.Config.PatchSize, model.Config.PositionGrid);
        Assert.Equal((int)(dino.GetProperty("embed_dim").GetInt32() * dino.GetProperty("mlp_ratio").GetDouble()), model.Config.MlpHidden);
        Assert.Equal(head.GetProperty("features").GetInt32(), model.Config.Features);
        Assert.Equal(head.GetProperty("out_channels").EnumerateArray().Select(e => e.GetInt32()), model.Config.OutChannels);
        Assert.Equal(declared.GetProperty("DPTHead").GetProperty("head_features_2").GetInt32(), model.Config.HeadFeatures2);
    }

    [SkippableTheory]
    [InlineData("pth")]
    [InlineData("safetensors")]
    public void A_truncated_file_is_refused(string format)
    {
        var id = DepthAnythingGoldenModels.Ids().First();
        var bytes = File.ReadAllBytes(DepthAnythingGoldenModels.File(id, format));
        var path = Path.Combine(_dir.Path, "cut." + format);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<CheckpointFormatException>(() => DepthAnythingV2.Load(path, layout: DepthAnythingGoldenModels.Layout(id)));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_renamed_key_is_named_as_missing_and_unexpected()
    {
        var id = DepthAnythingGoldenModels.Ids().First();
        var tensors = Tensors(id);
        const string Key = "depth_head.scratch.refinenet2.out_conv.bias";
        tensors["depth_head.scratch.refinenet2.outconv.bias"] = tensors[Key];
        tensors.Remove(Key);
        var e = Assert.Throws<ModelWeightsException>(() => DepthAnythingV2.Load(Write(tensors, "renamed.safetensors"), layout: DepthAnythingGoldenModels.Layout(id)));
        Assert.Contains($"missing from the checkpoint: {Key}", e.Message, StringComparison.Ordinal);
        Assert.Contains("not in the model: depth_head.scratch.refinenet2.outconv.bias", e.Message, StringComparison.Ordinal);
        Assert.Contains("depth_anything_v2_vits/vitb/vitl.pth", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_wrong_shape_is_named_with_both_shapes()
    {
        var id = DepthAnythingGoldenModels.Ids().First();
        var tensors = Tensors(id);
        const string Key = "pretrained.blocks.1.attn.proj.weight";
        var good = tensors[Key];
        tensors[Key] = DisposeScope.Detach(good.Narrow(0, 0, good.Size(0) - 1).Contiguous());
        var expected = $"{Key}: checkpoint [{string.Join(", ", tensors[Key].Shape)}], config [{string.Join(", ", good.Shape)}]";
        good.Dispose();
        var e = Assert.Throws<ModelWeightsException>(() => DepthAnythingV2.Load(Write(tensors, "shape.safetensors"), layout: DepthAnythingGoldenModels.Layout(id)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_file_that_is_not_depth_anything_says_which_files_are()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny SD checkpoint missing");
        var e = Assert.Throws<ModelWeightsException>(() => DepthAnythingV2.Load(TinyModel.SafetensorsPath));
        Assert.Contains("not a Depth-Anything-V2 checkpoint", e.Message, StringComparison.Ordinal);
        Assert.Contains("'pretrained.cls_token'", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_unreleased_backbone_without_its_layout_is_refused()
    {
        var id = DepthAnythingGoldenModels.Ids().First();
        var e = Assert.Throws<ModelWeightsException>(() => DepthAnythingV2.Load(DepthAnythingGoldenModels.File(id, "safetensors")));
        Assert.Contains("none of the released Depth-Anything-V2 encoders", e.Message, StringComparison.Ordinal);
        Assert.Contains("DinoLayout", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_bad_layout_is_refused()
    {
        var id = DepthAnythingGoldenModels.Ids().First();
        var path = DepthAnythingGoldenModels.File(id, "safetensors");
        var layout = DepthAnythingGoldenModels.Layout(id);
        Assert.Throws<ArgumentException>(() => DepthAnythingV2.Load(path, layout: layout with { IntermediateLayers = [0, 1, 2] }));
        Assert.Throws<ArgumentException>(() => DepthAnythingV2.Load(path, layout: layout with { IntermediateLayers = [3, 2, 1, 0] }));
        Assert.Throws<ArgumentException>(() => DepthAnythingV2.Load(path, layout: layout with { NumHeads = 7 }));
    }

    /// <summary>The keys FromWeights reads, with the released encoders' shapes (empty tensors: only shapes matter).</summary>
    static Dictionary<string, Tensor> ReleasedShapes(int embed, int depth, int features, int[] outChannels)
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["pretrained.cls_token"] = Tensor.Empty([1, 1, embed]),
            ["pretrained.patch_embed.proj.weight"] = Tensor.Empty([embed, 3, 14, 14]),
            ["pretrained.pos_embed"] = Tensor.Empty([1, 1370, embed]),
            ["pretrained.blocks.0.mlp.fc1.weight"] = Tensor.Empty([4 * embed, embed]),
            ["depth_head.scratch.layer1_rn.weight"] = Tensor.Empty([features, outChannels[0], 3, 3]),
            ["depth_head.scratch.output_conv2.0.weight"] = Tensor.Empty([32, features / 2, 3, 3]),
        };
        for (int i = 0; i < depth; i++) d[$"pretrained.blocks.{i}.norm1.weight"] = Tensor.Empty([embed]);
        for (int i = 0; i < 4; i++) d[$"depth_head.projects.{i}.weight"] = Tensor.Empty([outChannels[i], embed, 1, 1]);
        return d;
    }

    [Fact]
    public void The_released_sizes_get_their_heads_and_tapped_blocks_by_shape()
    {
        using var scope = DisposeScope.Begin();
        // dpt.py's model_configs and intermediate_layer_idx for vits / vitb / vitl.
        var small = DepthAnythingConfig.FromWeights(ReleasedShapes(384, 12, 64, [48, 96, 192, 384]));
        var large = DepthAnythingConfig.FromWeights(ReleasedShapes(1024, 24, 256, [256, 512, 1024, 1024]));
        var b = DepthAnythingConfig.FromWeights(ReleasedShapes(768, 12, 128, [96, 192, 384, 768]));
        Assert.Equal((6, "2 5 8 11"), (small.Layout.NumHeads, string.Join(' ', small.Layout.IntermediateLayers)));
        Assert.Equal((12, "2 5 8 11"), (b.Layout.NumHeads, string.Join(' ', b.Layout.IntermediateLayers)));
        Assert.Equal((16, "4 11 17 23"), (large.Layout.NumHeads, string.Join(' ', large.Layout.IntermediateLayers)));
        Assert.Equal((37, 1536, 64), (small.PositionGrid, small.MlpHidden, small.Features));
    }

    [Fact]
    public void The_giant_is_refused_by_name()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<ModelWeightsException>(() => DepthAnythingConfig.FromWeights(ReleasedShapes(1536, 40, 384, [1536, 1536, 1536, 1536])));
        Assert.Contains("Giant (vitg)", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
