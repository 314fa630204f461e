namespace Deforum.Models.Registry;

/// <summary>The depth networks' released weights, fetched into models_path on first use and verified every time.</summary>
public static class DepthModelFiles
{
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

    public static IReadOnlyList<KnownModelFile> All { get; } = [DepthAnythingV2Small, DepthAnythingV2Base, DepthAnythingV2Large];
}
