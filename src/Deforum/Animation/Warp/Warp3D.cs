using Deforum.Torch;

namespace Deforum.Animation.Warp;

/// <summary>The 3D animation warp: depth-driven re-projection through two pinhole cameras, then grid_sample (spec §12.1).</summary>
public static class Warp3D
{
    /// <summary>Disco Diffusion's scale from the schedules' translation units to camera units.</summary>
    const double TranslationScale = 1.0 / 200.0;

    /// <summary>The original adds this to every pixel before sampling (helpers/animation.py::transform_image_3d).</summary>
    const double SampleOffset = 1.0 / 512 - 0.0001;

    /// <summary>
    /// Port of deforum-stable-diffusion helpers/animation.py::anim_frame_warp_3d + transform_image_3d (and, without the
    /// sample offset, Tok/sd-forge-deforum animation.py::transform_image_3d_new's sampling): warps an H×W×3
    /// uint8 or float32 frame; <paramref name="depth"/> is H×W, or null for constant depth 1 (0.6+ behaviour, where 0.4
    /// crashed). The result has the input's dtype (uint8 by truncation) and device.
    /// </summary>
    public static Tensor Apply(Tensor frame, Tensor? depth, MotionFrame motion, Warp3DOptions options)
    {
        var (h, w, _) = HostImage.CheckHwc(frame, nameof(frame), 3);
        HostImage.CheckDType(frame, nameof(frame), DType.UInt8, DType.Float32);
        using var scope = DisposeScope.Begin();
        var grid = SamplingGrid(h, w, depth, motion, options, frame.Device);
        var image = frame.To(DType.Float32).Permute(2, 0, 1).Unsqueeze(0);                   // [1, 3, H, W]
        if (options.AddSampleOffset) image = image.Add(SampleOffset);
        var sampled = F.GridSample(image, grid, options.Sampling, options.Padding, alignCorners: false);
        var hwc = sampled.Squeeze(0).Clamp(0, 255).Permute(1, 2, 0); // [H, W, 3]
        return scope.MoveToOuter(hwc.To(frame.DType).Contiguous());
    }

    /// <summary>
    /// The grid_sample grid [1, H, W, 2] on <paramref name="device"/>: the identity grid minus each pixel's projected
    /// motion. Computed on the host in one pass with the original's float32 operation order (a per-pixel chain of ~30
    /// tensor ops cost more than the sampling itself); a depth map on another device is copied to the host for it.
    /// </summary>
    public static Tensor SamplingGrid(int height, int width, Tensor? depth, MotionFrame motion, Warp3DOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(motion);
        ArgumentNullException.ThrowIfNull(options);
        if (depth is not null && (depth.Shape.Length != 2 || depth.Shape[0] != height || depth.Shape[1] != width))
            throw new ArgumentException($"depth must be [{height}, {width}]; got [{string.Join(", ", depth.Shape)}]", nameof(depth));
        var z = depth is null ? null : HostImage.Read<float>(depth);
        var (fx, fy) = FocalFactors(motion.Fov, motion.NearPlane, options.AspectFromSize ? (double)width / height : 1.0);
        float[] translation =
        [
            (float)(-motion.TranslationX * TranslationScale), (float)(motion.TranslationY * TranslationScale),
            (float)(-motion.TranslationZ * TranslationScale),
        ];
        var camera = new CameraGrid(RotationXyz(motion), translation, fx, fy);
        return HostImage.Write(camera.Grid(height, width, z), [1, height, width, 2], device);
    }

    /// <summary>
    /// pytorch3d FoVPerspectiveCameras' K[0,0] and K[1,1] in float32 as torch evaluates them: fov·(π/180) and the
    /// tangent of half of it on one-element tensors, max_y = tan·near, K = 2·near / (max − min). Near and far cancel
    /// out of the grid mathematically (quirk §23 #10) but near still rounds K.
    /// </summary>
    static (float Fx, float Fy) FocalFactors(double fovDegrees, double nearPlane, double aspect)
    {
        using var scope = DisposeScope.Begin();
        float fovRadians = (float)(Math.PI / 180) * (float)fovDegrees;
        float halfTan = (float)Tensor.From<float>([fovRadians / 2], 1).Tan().Item();
        float near = (float)nearPlane;
        float maxY = halfTan * near, maxX = maxY * (float)aspect;
        return (2 * near / (maxX + maxX), 2 * near / (maxY + maxY));
    }

    /// <summary>
    /// pytorch3d euler_angles_to_matrix(radians, "XYZ") = (Rx·Ry)·Rz, float32 [3, 3] row-major: cos and sin of each
    /// one-element angle and both 3×3 products through libtorch, whose kernels (and BLAS) round them.
    /// </summary>
    static float[] RotationXyz(MotionFrame m)
    {
        using var scope = DisposeScope.Begin();
        static Tensor Axis(char axis, double degrees)
        {
            var angle = Tensor.From<float>([(float)(degrees * (Math.PI / 180))], 1); // math.radians, then float32
            float c = (float)angle.Cos().Item(), s = (float)angle.Sin().Item();
            float[] r = axis switch
            {
                'X' => [1, 0, 0, 0, c, -s, 0, s, c],
                'Y' => [c, 0, s, 0, 1, 0, -s, 0, c],
                _ => [c, -s, 0, s, c, 0, 0, 0, 1],
            };
            return Tensor.From<float>(r, 3, 3);
        }
        return Axis('X', m.RotationX).MatMul(Axis('Y', m.RotationY)).MatMul(Axis('Z', m.RotationZ)).Contiguous().ToArray<float>();
    }
}
