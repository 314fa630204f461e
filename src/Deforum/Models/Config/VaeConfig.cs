namespace Deforum.Models.Config;

/// <summary>AutoencoderKL: <c>embed_dim</c> and the encoder/decoder <c>ddconfig</c> of a CompVis <c>first_stage_config</c>.</summary>
public sealed record VaeConfig(
    int EmbedDim,
    bool DoubleZ,
    int ZChannels,
    int Resolution,
    int InChannels,
    int OutChannels,
    int Ch,
    IReadOnlyList<int> ChMult,
    int NumResBlocks,
    IReadOnlyList<int> AttnResolutions)
{
    /// <summary>Image pixels per latent pixel along one side (8 for Stable Diffusion).</summary>
    public int DownsamplingFactor => 1 << (ChMult.Count - 1);

    internal static VaeConfig FromYaml(YamlSection firstStageConfig)
    {
        var p = firstStageConfig.Section("params");
        var dd = p.Section("ddconfig");
        return new VaeConfig(
            EmbedDim: p.Int("embed_dim"),
            DoubleZ: dd.Bool("double_z", true),
            ZChannels: dd.Int("z_channels"),
            Resolution: dd.Int("resolution"),
            InChannels: dd.Int("in_channels"),
            OutChannels: dd.Int("out_ch"),
            Ch: dd.Int("ch"),
            ChMult: dd.Ints("ch_mult", [1, 2, 4, 8]),
            NumResBlocks: dd.Int("num_res_blocks"),
            AttnResolutions: dd.Ints("attn_resolutions", []));
    }
}
