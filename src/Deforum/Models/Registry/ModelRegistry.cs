namespace Deforum.Models.Registry;

/// <summary>The checkpoints known by name (settings.md §5), looked up by file name or menu alias.</summary>
public sealed class ModelRegistry(IEnumerable<KnownCheckpoint> checkpoints)
{
    const string V1 = "v1-inference.yaml";
    const string V2 = "v2-inference.yaml";
    const string V2V = "v2-inference-v.yaml";
    const string Hf = "https://huggingface.co/";

    // Hashes and names from the notebook's model table (0.4 – 0.7.1). URLs are its download locations, except that the
    // three CompVis "full-ema" entries point at Hugging Face's /resolve/ (the file) where the notebook had /blob/ (an
    // HTML page, which then failed the hash check).
    public static ModelRegistry Default { get; } = new(
    [
        new("sd-v1-4-full-ema.ckpt", "14749efc0ae8ef0329391ad4436feb781b402f4fece4883c7ad8d10556d8a36a", V1, Hf + "CompVis/stable-diffusion-v-1-4-original/resolve/main/sd-v1-4-full-ema.ckpt", true),
        new("sd-v1-4.ckpt", "fe4efff1e174c627256e44ec2991ba279b3816e364b49f9be2abc0b3ff3f8556", V1, Hf + "CompVis/stable-diffusion-v-1-4-original/resolve/main/sd-v1-4.ckpt", true),
        new("sd-v1-3-full-ema.ckpt", "54632c6e8a36eecae65e36cb0595fab314e1a1545a65209f24fde221a8d4b2ca", V1, Hf + "CompVis/stable-diffusion-v-1-3-original/resolve/main/sd-v1-3-full-ema.ckpt", true),
        new("sd-v1-3.ckpt", "2cff93af4dcc07c3e03110205988ff98481e86539c51a8098d4f2236e41f7f2f", V1, Hf + "CompVis/stable-diffusion-v-1-3-original/resolve/main/sd-v1-3.ckpt", true),
        new("sd-v1-2-full-ema.ckpt", "bc5086a904d7b9d13d2a7bccf38f089824755be7261c7399d92e555e1e9ac69a", V1, Hf + "CompVis/stable-diffusion-v-1-2-original/resolve/main/sd-v1-2-full-ema.ckpt", true),
        new("sd-v1-2.ckpt", "3b87d30facd5bafca1cbed71cfb86648aad75d1c264663c0cc78c7aea8daec0d", V1, Hf + "CompVis/stable-diffusion-v-1-2-original/resolve/main/sd-v1-2.ckpt", true),
        new("sd-v1-1-full-ema.ckpt", "efdeb5dc418a025d9a8cc0a8617e106c69044bc2925abecc8a254b2910d69829", V1, Hf + "CompVis/stable-diffusion-v-1-1-original/resolve/main/sd-v1-1-full-ema.ckpt", true),
        new("sd-v1-1.ckpt", "86cd1d3ccb044d7ba8db743d717c9bac603c4043508ad2571383f954390f3cea", V1, Hf + "CompVis/stable-diffusion-v-1-1-original/resolve/main/sd-v1-1.ckpt", true),
        new("robo-diffusion-v1.ckpt", "244dbe0dcb55c761bde9c2ac0e9b46cc9705ebfe5f1f3a7cc46251573ea14e16", V1, Hf + "nousr/robo-diffusion/resolve/main/models/robo-diffusion-v1.ckpt", false),
        new("model-epoch05-float16.ckpt", "26cf2a2e30095926bb9fd9de0c83f47adc0b442dbfdc3d667d43778e8b70bece", V1, Hf + "hakurei/waifu-diffusion-v1-3/resolve/main/model-epoch05-float16.ckpt", false, "waifu-diffusion-v1-3.ckpt"),
        new("wd-v1-3-float16.ckpt", "4afab9126057859b34d13d6207d90221d0b017b7580469ea70cee37757a29edd", V1, Hf + "hakurei/waifu-diffusion-v1-3/resolve/main/wd-v1-3-float16.ckpt", false),
        new("v1-5-pruned.ckpt", "e1441589a6f3c5a53f5f54d0975a18a7feb7cdf0b0dee276dfc3331ae376a053", V1, Hf + "runwayml/stable-diffusion-v1-5/resolve/main/v1-5-pruned.ckpt", true),
        new("v1-5-pruned-emaonly.ckpt", "cc6cb27103417325ff94f52b7a5d2dde45a7515b25c255d8e396c90014281516", V1, Hf + "runwayml/stable-diffusion-v1-5/resolve/main/v1-5-pruned-emaonly.ckpt", true),
        new("512-base-ema.ckpt", "d635794c1fedfdfa261e065370bea59c651fc9bfa65dc6d67ad29e11869a1824", V2, Hf + "stabilityai/stable-diffusion-2-base/resolve/main/512-base-ema.ckpt", true),
        new("768-v-ema.ckpt", "bfcaf0755797b0c30eb00a3787e8b423eb1f5decd8de76c4d824ac2dd27e139f", V2V, Hf + "stabilityai/stable-diffusion-2/resolve/main/768-v-ema.ckpt", true),
        new("v2-1_512-ema-pruned.ckpt", "88ecb782561455673c4b78d05093494b9c539fc6bfc08f3a9a4a0dd7b0b10f36", V2, Hf + "stabilityai/stable-diffusion-2-1-base/resolve/main/v2-1_512-ema-pruned.ckpt", true),
        new("v2-1_768-ema-pruned.ckpt", "ad2a33c361c1f593c4a1fb32ea81afce2b5bb7d1983c6b94793a26a3b54b08a0", V2V, Hf + "stabilityai/stable-diffusion-2-1/resolve/main/v2-1_768-ema-pruned.ckpt", true),
        new("Protogen_V2.2.ckpt", "bb725eaf2ed90092e68b892a1d6262f538131a7ec6a736e50ae534be6b5bd7b1", V1, Hf + "darkstorm2150/Protogen_v2.2_Official_Release/resolve/main/Protogen_V2.2.ckpt", false),
    ]);

    readonly IReadOnlyList<KnownCheckpoint> _checkpoints = checkpoints.ToList();

    public IReadOnlyList<KnownCheckpoint> Checkpoints => _checkpoints;

    public KnownCheckpoint? Find(string name) => _checkpoints.FirstOrDefault(c => c.IsNamed(name));

    /// <summary>The error for a name that is neither known nor a file in models_path; it lists every known name.</summary>
    public ModelLoadException UnknownName(string name, string modelsPath) => new(
        $"unknown model checkpoint '{name}' (no such file in '{modelsPath}'). Known checkpoints: {string.Join(", ", _checkpoints.Select(c => c.FileName))}. " +
        "Put the file in models_path under its name, or set model_checkpoint to 'custom' and give custom_checkpoint_path.");
}
