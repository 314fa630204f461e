namespace Deforum.Models.Registry;

/// <summary>
/// The depth networks of Deforum's 3D mode (helpers/depth.py, 0.7: load_midas, load_adabins), kept in models_path
/// under their original names. Sizes and hashes are the published files' (the MiDaS v3 release and the AdaBins NYU
/// checkpoint that Deforum mirrors); the MiDaS name carries the first 8 hex digits of its SHA-256, torch.hub style.
/// </summary>
public static class DepthModelFiles
{
    /// <summary>MiDaS v3 DPT-Large (isl-org/DPT release 1_0, the file Deforum's Hugging Face mirror holds).</summary>
    public static KnownModelFile MidasDptLarge { get; } = new(
        "dpt_large-midas-2f21e586.pt", 1_376_378_527, "2f21e586477d90cb9624c7eef5df7891edca49a1c4795ee2cb631fd4daa6ca69",
        new Uri("https://github.com/intel-isl/DPT/releases/download/1_0/dpt_large-midas-2f21e586.pt"));

    /// <summary>AdaBins trained on NYU Depth v2, from Deforum's Hugging Face mirror (the notebook's URL since Jan 2023).</summary>
    public static KnownModelFile AdaBinsNyu { get; } = new(
        "AdaBins_nyu.pt", 940_558_786, "3c917d1b86d058918d4055e70b2cdb9696ec4967bb2d8f05c0051263c1ac9641",
        new Uri("https://huggingface.co/deforum/AdaBins/resolve/main/AdaBins_nyu.pt"));
}
