namespace Deforum.Settings;

/// <summary>The accepted values of animation_mode.</summary>
public static class AnimationModes
{
    public const string None = "None";
    public const string TwoD = "2D";
    public const string ThreeD = "3D";
    public const string VideoInput = "Video Input";
    public const string Interpolation = "Interpolation";

    public static readonly IReadOnlyList<string> All = [None, TwoD, ThreeD, VideoInput, Interpolation];
}
