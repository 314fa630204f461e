namespace Deforum.Models.Config;

/// <summary>What the UNet predicts: the noise (SD 1.x, SD 2.x base) or the velocity v (SD 2.x "-v" models).</summary>
public enum Parameterization { Eps, V }

/// <summary>The LatentDiffusion parameters the samplers need: the DDPM schedule, latent scale and prediction target.</summary>
public sealed record DiffusionConfig(
    double LinearStart,
    double LinearEnd,
    int Timesteps,
    double ScaleFactor,
    Parameterization Parameterization,
    int ImageSize,
    int Channels,
    string ConditioningKey)
{
    internal static DiffusionConfig FromYaml(YamlSection p) => new(
        LinearStart: p.Double("linear_start"),
        LinearEnd: p.Double("linear_end"),
        Timesteps: p.Int("timesteps", 1000),
        ScaleFactor: p.Double("scale_factor", 1.0),
        Parameterization: (p.OptionalString("parameterization") ?? "eps") switch
        {
            "eps" => Parameterization.Eps,
            "v" => Parameterization.V,
            var other => throw new ModelConfigException($"{p.Path}.parameterization: '{other}' is not supported (eps or v)"),
        },
        ImageSize: p.Int("image_size"),
        Channels: p.Int("channels"),
        ConditioningKey: p.OptionalString("conditioning_key") ?? "crossattn");
}
