using Deforum.Models.Config;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// The first-stage autoencoder: images in [-1, 1] ↔ latents (8× smaller). Latents here are unscaled: the diffusion
/// model works on scale_factor · z (see <see cref="DiffusionConfig.ScaleFactor"/>).
/// Port of CompVis/stable-diffusion ldm/models/autoencoder.py::AutoencoderKL.
/// </summary>
public sealed class AutoencoderKL : Module
{
    readonly Encoder _encoder;
    readonly Decoder _decoder;
    readonly Conv2d _quantConv, _postQuantConv;

    public VaeConfig Config { get; }

    public AutoencoderKL(VaeConfig config)
    {
        if (!config.DoubleZ) throw new ModelConfigException("AutoencoderKL needs ddconfig.double_z: true (mean and log-variance)");
        Config = config;
        _encoder = Register("encoder", new Encoder(config));
        _decoder = Register("decoder", new Decoder(config));
        _quantConv = Register("quant_conv", new Conv2d(2 * config.ZChannels, 2 * config.EmbedDim, 1));
        _postQuantConv = Register("post_quant_conv", new Conv2d(config.EmbedDim, config.ZChannels, 1));
    }

    /// <summary>
    /// Builds the VAE <paramref name="config"/> describes and moves the checkpoint's <c>first_stage_model.*</c> tensors
    /// into it (taken out of <paramref name="checkpoint"/>), cast/moved when asked; mismatches name keys and shapes.
    /// </summary>
    public static AutoencoderKL Load(CheckpointTensors checkpoint, VaeConfig config, Device? device = null, DType? dtype = null) =>
        WeightLoader.Load(new AutoencoderKL(config), checkpoint.Take(CheckpointLayout.Vae), CheckpointLayout.Vae, device, dtype);

    /// <summary>image [B, 3, H, W] → the posterior over latents [B, embed_dim, H/8, W/8].</summary>
    public LatentDistribution Encode(Tensor image)
    {
        using var scope = DisposeScope.Begin();
        var moments = _quantConv.Forward(_encoder.Forward(image)); // [B, 2·embed_dim, h, w]
        return new LatentDistribution(moments);
    }

    /// <summary>latent z [B, embed_dim, h, w] (unscaled) → image [B, 3, 8h, 8w], nominally in [-1, 1].</summary>
    public Tensor Decode(Tensor z)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(_decoder.Forward(_postQuantConv.Forward(z)));
    }
}
