namespace Deforum.Settings;

/// <summary>When a frame-loop run predicts depth, and when its 3D warp uses it.</summary>
public static class DepthUse
{
    /// <summary>
    /// render_animation's predict_depths (deforum-stable-diffusion helpers/render.py, 0.7): (3D ∧ use_depth_warping) ∨
    /// save_depth_maps. Once loaded for these the 3D warp always uses the depth (spec §10 step 3.2).
    /// </summary>
    public static bool InNotebook(AnimationSettings a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return (a.AnimationMode == AnimationModes.ThreeD && a.UseDepthWarping) || a.SaveDepthMaps;
    }

    /// <summary>The depth model loads for the notebook's reasons or for vr_mode's eye views, which never change the frames.</summary>
    public static bool Loads(AnimationSettings a) => InNotebook(a) || a.VrMode;
}
