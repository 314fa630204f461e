using Deforum.Models.Clip;
using Deforum.Models.Config;
using Deforum.Models.Registry;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Sampling;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models;

// Port of the parts of ldm.models.diffusion.ddpm.LatentDiffusion that sampling uses: get_learned_conditioning,
// apply_model, encode_first_stage/get_first_stage_encoding and decode_first_stage.

/// <summary>
/// A Stable Diffusion model loaded once: text encoder, UNet and VAE on one device in one dtype (with <see cref="LowVram"/>
/// the text encoder and VAE wait on the CPU). Inputs may come from anywhere; outputs are on <see cref="Device"/>. As an
/// <see cref="IDiffusionModel"/> it is the UNet the samplers call.
/// </summary>
public sealed class StableDiffusion : IDisposable, IDiffusionModel
{
    StableDiffusion(ModelConfig config, string checkpointPath, Device device, DType dtype, FrozenClipEmbedder text, UnetModel unet, AutoencoderKL vae)
    {
        (Config, CheckpointPath, Device, DType) = (config, checkpointPath, device, dtype);
        (TextEncoder, Unet, Vae) = (text, unet, vae);
    }

    public ModelConfig Config { get; }
    public string CheckpointPath { get; }
    public Device Device { get; }
    public DType DType { get; }
    public FrozenClipEmbedder TextEncoder { get; }
    public UnetModel Unet { get; }
    public AutoencoderKL Vae { get; }

    /// <summary>
    /// Low-VRAM mode (low_vram): the text encoder and VAE live on the CPU and visit <see cref="Device"/> only for their
    /// call, so between calls the GPU holds the UNet alone; off, they stay on <see cref="Device"/>. Setting it moves
    /// them at once. Results are the same either way (the same kernels run on the same device); on the CPU nothing moves.
    /// </summary>
    public bool LowVram
    {
        get => _lowVram;
        set
        {
            _lowVram = value;
            var home = HomeOfOffloaded;
            TextEncoder.Encoder.To(home);
            Vae.To(home);
        }
    }

    bool _lowVram;

    Device HomeOfOffloaded => _lowVram ? Device.Cpu : Device;

    ModuleVisit OnDevice(Module module) => new(module, Device, HomeOfOffloaded);

    /// <summary>What the UNet predicts (eps for SD 1.x, v for the SD 2.x "-v" configs).</summary>
    public Parameterization Parameterization => Config.Diffusion.Parameterization;

    ModelPrediction IDiffusionModel.Prediction => Parameterization == Parameterization.V ? ModelPrediction.V : ModelPrediction.Epsilon;

    Tensor IDiffusionModel.Forward(Tensor x, Tensor t, Tensor context) => ApplyModel(x, t, context);

    /// <summary>
    /// The model-load cell: resolves the yaml (models_path, custom or embedded), locates the checkpoint (known names
    /// are downloaded when missing and SHA-256-checked as check_sha256 says), finds or downloads the CLIP vocabulary,
    /// then loads.
    /// </summary>
    public static async Task<StableDiffusion> LoadAsync(ModelLoadOptions options, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var folder = new ModelFolder(options.ModelsPath, new Downloader(http) { BearerToken = options.HuggingFaceToken });
        var config = ModelConfig.Resolve(options.ModelConfig, options.CustomConfigPath, options.ModelsPath);
        var choice = new CheckpointChoice(options.ModelsPath, options.ModelCheckpoint, options.CustomCheckpointPath, options.CheckSha256);
        var checkpoint = await new CheckpointLocator(ModelRegistry.Default, folder).LocateAsync(choice, progress, cancellationToken).ConfigureAwait(false);
        var vocabulary = await ClipVocabularyDownload.LocateAsync(folder, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        var device = options.Device ?? (Cuda.IsAvailable ? Device.Cuda() : Device.Cpu);
        var dtype = options.HalfPrecision && device.IsCuda ? DType.Float16 : DType.Float32;
        return Load(config, checkpoint, ClipTokenizer.Load(vocabulary), device, dtype, options.MapLocation);
    }

    /// <summary>
    /// Loads <paramref name="checkpointPath"/> (.safetensors or .ckpt) into the networks <paramref name="config"/>
    /// describes. Tensors are read to <paramref name="mapLocation"/> (default: <paramref name="device"/>, so each weight is
    /// copied once) and adopted by the modules; keys outside the three networks (schedule buffers, EMA copies) are
    /// dropped, as the non-strict original ignores them.
    /// </summary>
    public static StableDiffusion Load(ModelConfig config, string checkpointPath, ClipTokenizer tokenizer, Device device,
        DType dtype = DType.Float32, Device? mapLocation = null)
    {
        using var checkpoint = Checkpoint.Load(checkpointPath, mapLocation ?? device, dtype);
        FrozenClipEmbedder? text = null;
        UnetModel? unet = null;
        try
        {
            text = new FrozenClipEmbedder(tokenizer, ClipTextEncoder.FromCheckpoint(checkpoint, config.TextEncoder, device, dtype));
            unet = UnetModel.Load(checkpoint, config.Unet, device, dtype);
            var vae = AutoencoderKL.Load(checkpoint, config.Vae, device, dtype);
            return new StableDiffusion(config, checkpointPath, device, dtype, text, unet, vae);
        }
        catch (Exception e)
        {
            text?.Dispose();
            unet?.Dispose();
            if (e is Weights.ModelWeightsException)
                throw new ModelLoadException($"'{checkpointPath}' is not the model {config.Source} describes: {e.Message} " +
                    "Check that model_config (--config) is the yaml this checkpoint was made with.", e);
            throw;
        }
    }

    /// <summary>get_learned_conditioning: prompts → [B, 77, context_dim].</summary>
    public Tensor EncodePrompts(IReadOnlyList<string> prompts)
    {
        using var visit = OnDevice(TextEncoder.Encoder);
        return TextEncoder.Encode(prompts);
    }

    /// <summary>apply_model: x [B, 4, h, w], timesteps [B], conditioning [B, 77, context_dim] → eps or v [B, 4, h, w].</summary>
    public Tensor ApplyModel(Tensor x, Tensor timesteps, Tensor conditioning)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Unet.Forward(x.To(Device), timesteps.To(Device), conditioning.To(Device)));
    }

    /// <summary>
    /// encode_first_stage + get_first_stage_encoding: image [B, 3, H, W] in [-1, 1] → scale_factor · a posterior sample
    /// [B, 4, H/8, W/8]; the noise comes from <paramref name="generator"/> (the default CPU one when null), as in the original.
    /// </summary>
    public Tensor EncodeImage(Tensor image, Generator? generator = null)
    {
        using var scope = DisposeScope.Begin();
        using var visit = OnDevice(Vae);
        using var posterior = Vae.Encode(image.To(Device, DType));
        return scope.MoveToOuter(posterior.Sample(generator).Mul(Config.Diffusion.ScaleFactor));
    }

    /// <summary>decode_first_stage: latent z [B, 4, h, w] → image [B, 3, 8h, 8w], nominally in [-1, 1].</summary>
    public Tensor DecodeLatents(Tensor z)
    {
        using var scope = DisposeScope.Begin();
        using var visit = OnDevice(Vae);
        return scope.MoveToOuter(Vae.Decode(z.To(Device, DType).Div(Config.Diffusion.ScaleFactor)));
    }

    public void Dispose()
    {
        TextEncoder.Dispose();
        Unet.Dispose();
        Vae.Dispose();
    }
}
