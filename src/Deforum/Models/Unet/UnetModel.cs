using Deforum.Models.Config;
using Deforum.Models.Nn;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;


/// <summary>
/// The text-conditioned denoising UNet of Stable Diffusion (SD 1.x, and SD 2.x with linear transformer projections
/// and per-head widths). Predicts ε or v — which one is <see cref="DiffusionConfig.Parameterization"/>.
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/openaimodel.py::UNetModel.
/// </summary>
public sealed class UnetModel : Module
{
    const int OutGroups = 32;
    const double OutEps = 1e-5;

    readonly Sequential _timeEmbed;
    readonly ModuleList<TimestepEmbedSequential> _inputBlocks, _outputBlocks;
    readonly TimestepEmbedSequential _middleBlock;
    readonly Sequential _out;

    public UnetConfig Config { get; }

    public UnetModel(UnetConfig config)
    {
        Config = config;
        int mc = config.ModelChannels, embDim = config.TimeEmbedDim;
        _timeEmbed = Register("time_embed", new Sequential(new Linear(mc, embDim), new SiLU(), new Linear(embDim, embDim)));

        // Encoder path: per level, ResBlocks (+ transformer where the downsampling factor is listed), then a stride-2
        // conv except at the last level. Every stage's width is remembered for the skip connection it feeds.
        var inputs = new List<TimestepEmbedSequential> { new(new Conv2d(config.InChannels, mc, 3, padding: 1)) };
        var skipChannels = new Stack<int>([mc]);
        int ch = mc, ds = 1;
        for (int level = 0; level < config.ChannelMult.Count; level++)
        {
            for (int i = 0; i < config.NumResBlocks; i++)
            {
                int outCh = mc * config.ChannelMult[level];
                inputs.Add(Stage(new ResBlock(ch, embDim, outCh), outCh, ds));
                ch = outCh;
                skipChannels.Push(ch);
            }
            if (level == config.ChannelMult.Count - 1) continue;
            inputs.Add(new TimestepEmbedSequential(new Downsample(ch)));
            skipChannels.Push(ch);
            ds *= 2;
        }
        _inputBlocks = Register("input_blocks", new ModuleList<TimestepEmbedSequential>(inputs));

        _middleBlock = Register("middle_block", new TimestepEmbedSequential(
            new ResBlock(ch, embDim, ch), Transformer(ch), new ResBlock(ch, embDim, ch)));

        // Decoder path: mirror image, each ResBlock taking the concatenation with one remembered encoder stage.
        var outputs = new List<TimestepEmbedSequential>();
        for (int level = config.ChannelMult.Count - 1; level >= 0; level--)
        {
            for (int i = 0; i <= config.NumResBlocks; i++)
            {
                int outCh = mc * config.ChannelMult[level];
                var layers = new List<Module> { new ResBlock(ch + skipChannels.Pop(), embDim, outCh) };
                ch = outCh;
                if (config.AttentionResolutions.Contains(ds)) layers.Add(Transformer(ch));
                if (level > 0 && i == config.NumResBlocks)
                {
                    layers.Add(new Upsample(ch));
                    ds /= 2;
                }
                outputs.Add(new TimestepEmbedSequential([.. layers]));
            }
        }
        _outputBlocks = Register("output_blocks", new ModuleList<TimestepEmbedSequential>(outputs));

        _out = Register("out", new Sequential(new GroupNorm32(OutGroups, ch, OutEps), new SiLU(), new Conv2d(mc, config.OutChannels, 3, padding: 1)));

        TimestepEmbedSequential Stage(ResBlock res, int width, int factor) =>
            config.AttentionResolutions.Contains(factor) ? new(res, Transformer(width)) : new(res);

        SpatialTransformer Transformer(int width)
        {
            var (heads, headDim) = config.AttentionHeads(width);
            return new SpatialTransformer(width, heads, headDim, config.TransformerDepth, config.ContextDim, config.UseLinearInTransformer);
        }
    }

    /// <summary>
    /// Builds the UNet <paramref name="config"/> describes and moves the checkpoint's <c>model.diffusion_model.*</c>
    /// tensors into it (taken out of <paramref name="checkpoint"/>, no second copy), cast to <paramref name="dtype"/>
    /// and moved to <paramref name="device"/> when given. Throws <see cref="ModelWeightsException"/> naming the keys
    /// and shapes when checkpoint and config disagree.
    /// </summary>
    public static UnetModel Load(CheckpointTensors checkpoint, UnetConfig config, Device? device = null, DType? dtype = null) =>
        WeightLoader.Load(new UnetModel(config), checkpoint.Take(CheckpointLayout.Unet), CheckpointLayout.Unet, device, dtype);

    /// <summary>
    /// x [B, C_in, H, W] (latent), timesteps [B] (int64 or fractional float), context [B, M, context_dim]
    /// → [B, C_out, H, W] in x's dtype.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor timesteps, Tensor context)
    {
        using var scope = DisposeScope.Begin();
        var dtype = NamedParameters().First().Tensor.DType; // the reference runs in the weights' dtype (use_fp16)
        var emb = _timeEmbed.Forward(TimestepEmbedding.Sinusoidal(timesteps, Config.ModelChannels).To(dtype)); // [B, 4·mc]
        var ctx = context.To(dtype);
        var skips = new Stack<Tensor>();
        var h = x.To(dtype);
        foreach (var block in _inputBlocks.Items)
        {
            h = block.Forward(h, emb, ctx);
            skips.Push(h);
        }
        h = _middleBlock.Forward(h, emb, ctx);
        foreach (var block in _outputBlocks.Items)
            h = block.Forward(Tensor.Cat([h, skips.Pop()], dim: 1), emb, ctx); // channels: [B, C + C_skip, H, W]
        return scope.MoveToOuter(_out.Forward(h).To(x.DType));
    }
}
