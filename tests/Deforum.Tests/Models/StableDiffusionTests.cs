using Deforum.Models;
using Deforum.Models.Config;
using Deforum.Models.Registry;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Tests.Models.Clip;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models;

/// <summary>The facade end to end on the tiny golden model: golden cases through its entry points, and its load errors.
/// Counts live tensors, so it runs in the non-parallel leak collection.</summary>
[Collection(nameof(ModelLeakTests))]
public sealed class StableDiffusionTests : IDisposable
{
    const string CompleteModel = "sd1";

    readonly string _dir = Directory.CreateTempSubdirectory("deforum-sd-").FullName;

    public static IEnumerable<object[]> TextEncoderCases() => Golden.Cases("text_encoder");
    /// <summary>The UNet cases of the complete model (the other models' golden files hold only a UNet).</summary>
    public static IEnumerable<object[]> UnetCases() =>
        Golden.Cases("unet_forward").Where(row => (string)row[0] == Golden.Missing || GoldenModels.ModelOf(Golden.Case((string)row[0])) == CompleteModel);
    public static IEnumerable<object[]> VaeDecodeCases() => Golden.Cases("vae_decode");

    static StableDiffusion LoadTiny() =>
        StableDiffusion.Load(TinyModel.Config(), TinyModel.SafetensorsPath, ClipTestVocabulary.Tokenizer(), TestDevice.Current);

    [SkippableTheory]
    [Trait("Category", "Parity")]
    [MemberData(nameof(TextEncoderCases))]
    public void Prompts_encode_to_the_golden_conditioning(string id)
    {
        var c = Golden.Case(id);
        var prompts = c.Params.GetProperty("prompts").EnumerateArray().Select(p => p.GetString()!).ToList();
        using var sd = LoadTiny();
        using var file = c.Open();
        using var scope = DisposeScope.Begin();

        var got = sd.EncodePrompts(prompts);

        GoldenModels.AssertOutput(c, file, "last_hidden_state", got);
    }

    /// <summary>The notebook's known checkpoints are .ckpt files: the fp32 one must condition exactly as the safetensors does.</summary>
    [SkippableFact]
    public void Torch_zip_checkpoint_loads_through_the_facade_like_the_safetensors()
    {
        var ckpt = Path.Combine(RepoPaths.GoldenDir, Path.ChangeExtension(TinyModel.SafetensorsFileName, ".ckpt"));
        Golden.RequireData(File.Exists(ckpt), $"{ckpt} missing");
        using var fromSafetensors = LoadTiny();
        using var fromCkpt = StableDiffusion.Load(TinyModel.Config(), ckpt, ClipTestVocabulary.Tokenizer(), TestDevice.Current);
        using var scope = DisposeScope.Begin();

        var expected = fromSafetensors.EncodePrompts(["a red apple"]);
        var got = fromCkpt.EncodePrompts(["a red apple"]);

        Assert.Equal(expected.ToArray<float>(), got.ToArray<float>());
    }

    [SkippableTheory]
    [Trait("Category", "Parity")]
    [MemberData(nameof(UnetCases))]
    public void Apply_model_matches_the_golden_unet(string id)
    {
        var c = Golden.Case(id);
        using var sd = LoadTiny();
        using var file = c.Open();
        using var scope = DisposeScope.Begin();

        var got = sd.ApplyModel(GoldenModels.Input(c, file, "x"), GoldenModels.Input(c, file, "timesteps"), GoldenModels.Input(c, file, "context"));

        GoldenModels.AssertOutput(c, file, "out", got);
    }

    [SkippableTheory]
    [Trait("Category", "Parity")]
    [MemberData(nameof(VaeDecodeCases))]
    public void Decode_latents_undoes_the_scale_factor_then_matches_the_golden_vae(string id)
    {
        var c = Golden.Case(id);
        using var sd = LoadTiny();
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        var z = GoldenModels.Input(c, file, "z");

        var got = sd.DecodeLatents(z * sd.Config.Diffusion.ScaleFactor);

        GoldenModels.AssertOutput(c, file, "image", got);
    }

    [SkippableFact]
    public void Loading_and_running_frees_every_tensor()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var tokenizer = ClipTestVocabulary.Tokenizer();
        var baseline = LiveTensors.Settled();
        using (var sd = StableDiffusion.Load(TinyModel.Config(), TinyModel.SafetensorsPath, tokenizer, Device.Cpu))
        using (var scope = DisposeScope.Begin())
        {
            var cond = sd.EncodePrompts(["a red apple", ""]);
            var x = Tensor.Zeros([2, 4, 8, 8]);
            var eps = sd.ApplyModel(x, Tensor.From(new long[] { 999, 17 }, 2), cond);
            using var generator = new Generator(1);
            sd.DecodeLatents(sd.EncodeImage(Tensor.Zeros([1, 3, 32, 32]), generator));
            Assert.Equal([2, 4, 8, 8], eps.Shape);
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [SkippableFact]
    public void A_file_that_is_no_checkpoint_is_named_as_such()
    {
        var path = Path.Combine(_dir, "model.ckpt");
        File.WriteAllText(path, "<!DOCTYPE html><html>Repository not found</html>");

        var e = Assert.Throws<CheckpointFormatException>(() => LoadTinyFrom(path));

        Assert.Contains("neither a .safetensors file nor a torch.save checkpoint", e.Message);
    }

    [SkippableFact]
    public void A_truncated_checkpoint_is_named_as_such()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var path = Path.Combine(_dir, "model.safetensors");
        var bytes = File.ReadAllBytes(TinyModel.SafetensorsPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<CheckpointFormatException>(() => LoadTinyFrom(path));

        Assert.Contains("truncated", e.Message);
    }

    [SkippableFact]
    public void Weights_that_do_not_fit_the_config_name_the_keys()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var baseline = LiveTensors.Settled();

        var e = Assert.Throws<ModelLoadException>(() =>
            StableDiffusion.Load(ModelConfig.Default, TinyModel.SafetensorsPath, ClipTestVocabulary.Tokenizer(), Device.Cpu));

        Assert.IsType<ModelWeightsException>(e.InnerException);
        Assert.Contains($"'{TinyModel.SafetensorsPath}' is not the model embedded v1-inference.yaml describes", e.Message, StringComparison.Ordinal);
        Assert.Contains("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight: checkpoint [49408, 32], config [49408, 768]", e.Message);
        Assert.Contains("Check that model_config (--config) is the yaml this checkpoint was made with", e.Message, StringComparison.Ordinal);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [SkippableFact]
    public async Task A_known_checkpoint_with_the_wrong_hash_is_not_loaded()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        File.Copy(TinyModel.SafetensorsPath, Path.Combine(_dir, CheckpointChoice.DefaultCheckpoint));
        File.Copy(TinyModel.VocabPath, Path.Combine(_dir, Deforum.Models.Clip.ClipVocabulary.FileName));

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => StableDiffusion.LoadAsync(Options()));

        Assert.Contains($"should have {ModelRegistry.Default.Find(CheckpointChoice.DefaultCheckpoint)!.Sha256}", e.Message);
    }

    [SkippableFact]
    public async Task An_unknown_model_name_lists_the_known_ones()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => StableDiffusion.LoadAsync(Options() with { ModelCheckpoint = "sd-v9.ckpt" }));

        Assert.Contains("Known checkpoints: sd-v1-4-full-ema.ckpt, sd-v1-4.ckpt", e.Message);
    }

    [SkippableFact]
    public async Task The_load_cell_loads_a_custom_checkpoint_with_a_custom_config()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        File.Copy(TinyModel.VocabPath, Path.Combine(_dir, Deforum.Models.Clip.ClipVocabulary.FileName));

        using var sd = await StableDiffusion.LoadAsync(Options() with
        {
            ModelConfig = "custom", CustomConfigPath = TinyModel.ConfigPath,
            ModelCheckpoint = CheckpointChoice.Custom, CustomCheckpointPath = TinyModel.SafetensorsPath,
        });

        Assert.Equal(Device.Cpu, sd.Device);
        Assert.Equal(DType.Float32, sd.DType);
        Assert.Equal(TinyModel.ConfigPath, sd.Config.Source);
    }

    ModelLoadOptions Options() => new() { ModelsPath = _dir, Device = Device.Cpu };

    void LoadTinyFrom(string path) =>
        StableDiffusion.Load(TinyModel.Config(), path, ClipTestVocabulary.Tokenizer(), Device.Cpu).Dispose();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
