using Deforum.Torch;

namespace Deforum.Animation.Depth;

/// <summary>How the transformers depth-estimation pipeline scaled its output into an 8-bit image (it changed in Oct 2024).</summary>
public enum DepthImageScaling
{
    /// <summary>(d − min)/(max − min)·255: transformers since PR #32550 (Oct 2024), what a current Forge install runs.</summary>
    MinMax,

    /// <summary>d·255/max(d): older transformers; negative values wrap around as NumPy's uint8 cast does.</summary>
    MaxOnly,
}

/// <summary>
/// What the Forge fork's DepthAnything.predict hands the warp: the network output resized to the frame (bicubic,
/// align_corners false), scaled into the pipeline's 8-bit "depth" image, then torchvision ToTensor (÷255) →
/// [1, 1, H, W] float32. The pipeline's post-processing is transcribed (transformers DepthEstimationPipeline.postprocess,
/// as the golden manifest records it); the ToTensor step is Tok/sd-forge-deforum
/// scripts/deforum_helpers/depth_anything_v2.py::DepthAnything.predict.
/// </summary>
public static class TransformersDepthImage
{
    /// <summary>predicted_depth [1, h, w] → bicubic (align_corners false) to the frame → [H, W] float32 (post_process_depth_estimation).</summary>
    public static Tensor ResizeToFrame(Tensor predicted, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        if (predicted.Shape.Length != 3 || predicted.Shape[0] != 1)
            throw new ArgumentException($"predicted depth must be [1, h, w]; got [{string.Join(", ", predicted.Shape)}]", nameof(predicted));
        using var scope = DisposeScope.Begin();
        var up = F.Interpolate(predicted.To(DType.Float32).Unsqueeze(1), (height, width), InterpolateMode.Bicubic, alignCorners: false); // [1, 1, H, W]
        return scope.MoveToOuter(up.Squeeze(1).Squeeze(0));                                                                      // [H, W]
    }

    /// <summary>The pipeline's 8-bit depth image of a resized map [H, W] (float32 arithmetic, truncated); a constant map gives zeros.</summary>
    public static Tensor ToImage8(Tensor resized, DepthImageScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(resized);
        var d = HostImage.Read<float>(resized);
        float min = d.Min(), max = d.Max(), range = max - min;
        var u8 = new byte[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            float v = scaling == DepthImageScaling.MinMax ? (d[i] - min) / range * 255f : d[i] * 255f / max;
            u8[i] = float.IsFinite(v) ? unchecked((byte)(int)v) : (byte)0;
        }
        return HostImage.Write(u8, resized.Shape, resized.Device);
    }

    /// <summary>torchvision ToTensor of the 8-bit image, unsqueezed: [H, W] uint8 → [1, 1, H, W] float32 in [0, 1].</summary>
    public static Tensor ToTensor(Tensor image8)
    {
        ArgumentNullException.ThrowIfNull(image8);
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(image8.To(DType.Float32).Div(255.0).Unsqueeze(0).Unsqueeze(0));
    }
}
