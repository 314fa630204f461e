namespace Deforum.Models.Config;

/// <summary>
/// A Stable Diffusion model configuration read from a CompVis LatentDiffusion yaml (<c>model_config</c>): the
/// diffusion schedule and the three networks. Immutable; build the modules from its parts.
/// </summary>
public sealed record ModelConfig(DiffusionConfig Diffusion, UnetConfig Unet, VaeConfig Vae, TextEncoderConfig TextEncoder, string Source)
{
    const string ResourcePrefix = "Deforum.Models.Config.";
    const string LatentDiffusionTarget = "ldm.models.diffusion.ddpm.LatentDiffusion";

    /// <summary>The yaml files shipped inside this program (the model_config choices of the notebook).</summary>
    public static IReadOnlyList<string> EmbeddedNames { get; } = ["v1-inference.yaml", "v2-inference.yaml", "v2-inference-v.yaml"];

    /// <summary>The default model_config: SD 1.x v1-inference.yaml.</summary>
    public static ModelConfig Default => Embedded("v1-inference.yaml");

    public static ModelConfig Embedded(string name)
    {
        using var stream = typeof(ModelConfig).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new ModelConfigException($"no embedded model config '{name}'; known: {string.Join(", ", EmbeddedNames)}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"embedded {name}");
    }

    public static ModelConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model config '{path}' does not exist", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses yaml text; <paramref name="source"/> names it in error messages.</summary>
    public static ModelConfig Parse(string yaml, string source = "model config")
    {
        var model = YamlSection.ParseDocument(yaml, source).Section("model");
        var target = model.String("target");
        if (target != LatentDiffusionTarget)
            throw new ModelConfigException($"{source}: model.target is '{target}'; only {LatentDiffusionTarget} configs describe a text-to-image model");
        var p = model.Section("params");
        return new ModelConfig(
            DiffusionConfig.FromYaml(p),
            UnetConfig.FromYaml(p.Section("unet_config")),
            VaeConfig.FromYaml(p.Section("first_stage_config")),
            TextEncoderConfig.FromYaml(p.Section("cond_stage_config")),
            source);
    }

    /// <summary>
    /// The notebook's model_config rule (settings §5): <c>custom</c> reads <paramref name="customConfigPath"/>, any
    /// other name reads <c>modelsPath/name</c>, falling back to the config shipped with the code (the embedded one of
    /// that name, else v1-inference.yaml) when that file is not there. A custom yaml that does not exist is an error
    /// (the notebook fell back to v1-inference.yaml silently, which builds the wrong network for an SD 2 checkpoint).
    /// <see cref="Source"/> tells which was used.
    /// </summary>
    /// <exception cref="ModelLoadException">model_config is custom and custom_config_path is not a file.</exception>
    public static ModelConfig Resolve(string modelConfig, string? customConfigPath, string modelsPath)
    {
        if (modelConfig == "custom")
            return !string.IsNullOrEmpty(customConfigPath) && File.Exists(customConfigPath) ? Load(customConfigPath)
                : throw new ModelLoadException($"the model config custom_config_path '{customConfigPath}' does not exist" +
                    (string.IsNullOrEmpty(customConfigPath) ? "" : $" ({Path.GetFullPath(customConfigPath)})") +
                    $"; point it (or --config) at the checkpoint's yaml, or set model_config to one of the built-in {string.Join(", ", EmbeddedNames)}");
        var path = Path.Combine(modelsPath, modelConfig);
        if (File.Exists(path)) return Load(path);
        return EmbeddedNames.Contains(modelConfig) ? Embedded(modelConfig) : Default;
    }
}
