namespace Deforum.Models.Registry;

/// <summary>
/// The depth networks' released weights, kept in models_path under their original names, fetched on first use and
/// verified every time: Deforum 3D's MiDaS and AdaBins (helpers/depth.py, 0.7: load_midas, load_adabins) and
/// Depth-Anything-V2.
/// </summary>
public static class DepthModelFiles
{
    /// <summary>MiDaS v3 DPT-Large (isl-org/DPT release 1_0, the file Deforum's Hugging Face mirror holds); the name carries the first 8 hex digits of its SHA-256, torch.hub style.</summary>
    public static KnownModelFile MidasDptLarge { get; } = new("dpt_large-midas-2f21e586.pt", 1_376_378_527,
        "2f21e586477d90cb9624c7eef5df7891edca49a1c4795ee2cb631fd4daa6ca69", "https://github.com/intel-isl/DPT/releases/download/1_0/dpt_large-midas-2f21e586.pt");

    /// <summary>AdaBins trained on NYU Depth v2, from Deforum's Hugging Face mirror (the notebook's URL since Jan 2023).</summary>
    public static KnownModelFile AdaBinsNyu { get; } = new("AdaBins_nyu.pt", 940_558_786,
        "3c917d1b86d058918d4055e70b2cdb9696ec4967bb2d8f05c0051263c1ac9641", "https://huggingface.co/deforum/AdaBins/resolve/main/AdaBins_nyu.pt");

    const string Hf = "https://huggingface.co/depth-anything/";

    // The original state dicts (keys pretrained.*, depth_head.*) as the authors publish them. Small and Base: size and
    // SHA-256 from the Hugging Face file pages (Git LFS details); Large: the same values as recorded by several
    // projects that pin the official file (its Hugging Face page was not available to check). Small is Apache-2.0,
    // Base and Large are CC-BY-NC-4.0 (non-commercial use only).
    public static KnownModelFile DepthAnythingV2Small { get; } = new("depth_anything_v2_vits.pth", 99_218_434,
        "715fade13be8f229f8a70cc02066f656f2423a59effd0579197bbf57860e1378", Hf + "Depth-Anything-V2-Small/resolve/main/depth_anything_v2_vits.pth");

    public static KnownModelFile DepthAnythingV2Base { get; } = new("depth_anything_v2_vitb.pth", 389_961_218,
        "0d2b7002e62d39d655571c371333340bd88f67ab95050c03591555aa05645328", Hf + "Depth-Anything-V2-Base/resolve/main/depth_anything_v2_vitb.pth");

    public static KnownModelFile DepthAnythingV2Large { get; } = new("depth_anything_v2_vitl.pth", 1_341_395_338,
        "a7ea19fa0ed99244e67b624c72b8580b7e9553043245905be58796a608eb9345", Hf + "Depth-Anything-V2-Large/resolve/main/depth_anything_v2_vitl.pth");

    public static IReadOnlyList<KnownModelFile> All { get; } = [MidasDptLarge, AdaBinsNyu, DepthAnythingV2Small, DepthAnythingV2Base, DepthAnythingV2Large];
}
