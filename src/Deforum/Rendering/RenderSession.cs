using Deforum.Animation;
using Deforum.Animation.Color;
using Deforum.Animation.Depth;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// The state one render carries from frame to frame (previous sample, cadence buffers, colour reference, depth range,
/// CPU random stream) and the two kinds of plan entry executed against it.
/// </summary>
sealed class RenderSession : IDisposable
{
    readonly IFrameGenerator _generator;
    readonly IFrameSink _sink;
    readonly IDepthEstimator? _depth;
    readonly FrameWarper _warper;
    readonly bool _depthWarp;
    readonly bool _keepsPreviousSample;
    readonly bool _cadenceBuffers;
    readonly InitSampleBuilder _init;
    readonly CadenceBuffers _cadence = new();
    readonly DepthMapWriter _depthMaps = new();
    readonly OwnedTensor _previousSample = new();
    readonly Generator _hostRandom = new(0);
    readonly ProgressReporter _report;

    public RenderSession(AnimationSettings animation, IFrameGenerator generator, IFrameSink sink, IDepthEstimator? depth, ProgressReporter report)
    {
        _generator = generator;
        _sink = sink;
        _report = report;
        _warper = new FrameWarper(animation);
        // The original loads the depth model only for its settings, and once loaded the 3D warp always uses it
        // (spec §10 step 3.2), even with use_depth_warping off; vr_mode's eye views need it without changing the frames.
        _depth = DepthUse.Loads(animation) ? depth ?? throw new ArgumentException(
            "3D with use_depth_warping, save_depth_maps or vr_mode needs a depth estimator", nameof(depth)) : null;
        _depthWarp = _warper.IsThreeD && DepthUse.InNotebook(animation);
        _keepsPreviousSample = animation.AnimationMode != AnimationModes.VideoInput;
        _cadenceBuffers = animation.DiffusionCadence > 1;
        _init = new InitSampleBuilder(ColorCoherence.Parse(animation.ColorCoherence));
    }

    /// <summary>
    /// Port of render_animation's resume start-up (v0.7, spec §19 steps 4–5): the loaded frame [H, W, 3] uint8 becomes
    /// the previous sample, the colour reference (not the run's original one, as in the original) and both cadence buffers.
    /// </summary>
    public void Resume(Tensor lastFrame, int lastIndex)
    {
        using var scope = DisposeScope.Begin();
        var sample = FrameConversions.SampleFromFrame(lastFrame.To(_generator.Device)); // [1, 3, H, W]
        _previousSample.Set(sample);
        _init.SetReference(lastFrame.To(_generator.Device));
        if (_cadenceBuffers) _cadence.Start(FrameConversions.FrameFromSample(sample, asFloat: true), lastIndex);
    }

    /// <summary>What the loop carries after a diffused frame (copies), for an exact resume; the previous sample only without cadence, where it is used.</summary>
    public LoopState Capture(ResumeStateInfo info)
    {
        var (previous, previousIndex, next, nextIndex) = _cadence.State;
        var (min, max) = _depthMaps.Range;
        return new LoopState
        {
            Info = info,
            PreviousSample = _cadenceBuffers ? null : Copy(_previousSample.Value),
            ColorReference = Copy(_init.Reference),
            CadencePrevious = Copy(previous),
            CadencePreviousIndex = previousIndex,
            CadenceNext = Copy(next),
            CadenceNextIndex = nextIndex,
            HostRandom = DisposeScope.Detach(_hostRandom.GetState()),
            DepthMin = min,
            DepthMax = max,
        };
    }

    /// <summary>An exact resume: the loop continues from <paramref name="state"/> as if it had never stopped.</summary>
    public void Restore(LoopState state)
    {
        using var scope = DisposeScope.Begin();
        var device = _generator.Device;
        _previousSample.Set(state.PreviousSample?.To(device));
        _init.SetReference(state.ColorReference?.To(device));
        _cadence.Restore(state.CadencePrevious?.To(device), state.CadencePreviousIndex, state.CadenceNext?.To(device), state.CadenceNextIndex);
        _hostRandom.SetState(state.HostRandom);
        _depthMaps.Range = (state.DepthMin, state.DepthMax);
    }

    static Tensor? Copy(Tensor? t) => t is null ? null : DisposeScope.Detach(t.Clone());

    /// <summary>Port of render_animation's per-frame body for a diffused frame (v0.7, spec §10 steps 3–8).</summary>
    public void Diffuse(PlannedFrame frame, CancellationToken cancellationToken)
    {
        using var scope = DisposeScope.Begin();
        // 1. with cadence the newest diffused frame, warped up to the frame before, is the previous sample
        if (_cadence.Next is { } next) _previousSample.Set(FrameConversions.SampleFromFrame(next));

        Tensor? init = null;
        if (frame.Motion is { } motion)
        {
            var previousSample = _previousSample.Value ?? throw new InvalidOperationException(
                $"frame {frame.Index} warps a previous frame that was never generated");
            // 2. warp the previous frame (3D: by the depth of that frame)
            var previous = FrameConversions.FrameFromSample(previousSample);
            var warped = _warper.Warp(previous, motion, _depthWarp ? _depth!.Predict(previous) : null);
            // 3. colour, contrast, anti-blur and noise make the init
            init = _init.Build(warped, frame, _hostRandom, _generator.Device);
        }

        // 4. generate: seed_everything(seed) reseeds the CPU stream the next frame's noise comes from
        _hostRandom.ManualSeed(frame.Seed!.Value);
        var request = new GenerationRequest(frame.Index, frame.Prompt!, frame.Seed.Value, frame.Strength!.Value, frame.Steps!.Value,
            init, frame.InitImage, frame.MaskImage, _hostRandom, frame.Sampler, StepProgress: _report.StepsOf(frame), PerlinInit: frame.PerlinInit,
            PromptWindow: frame.PromptWindow);
        var sample = DisposeScope.Detach(_generator.Generate(request, cancellationToken)); // [1, 3, H, W]

        // 5. the decoded sample is the next frame's previous sample, except in Video Input (each frame has its own init)
        if (_keepsPreviousSample) _previousSample.Set(sample);
        using var unkept = _keepsPreviousSample ? null : sample;

        // 6. with cadence the frame is only written through the in-betweens; otherwise save it now
        if (frame.FileName is null)
        {
            _cadence.Push(FrameConversions.FrameFromSample(sample, asFloat: true), frame.Index);
            return;
        }
        var image = FrameConversions.ImageFromDecoded(sample); // [H, W, 3] on the CPU
        var path = _sink.Write(new RenderedImage(frame.Index, OutputKind.Frame, frame.FileName, image));
        // the depth the next frame's 3D warp takes of this one
        var depth = frame.DepthFileName is null && frame.Stereo is null ? null : _depth!.Predict(FrameConversions.FrameFromSample(sample));
        var depthPath = frame.DepthFileName is null ? null : WriteDepth(frame, depth!);
        if (frame.Stereo is { } stereo) WriteStereo(frame.Index, stereo, image, depth!);
        _report.Written(frame, path, depthPath);
    }

    /// <summary>Port of render_animation's cadence loop body for one in-between (v0.7, spec §13 step 1).</summary>
    public void InBetween(PlannedFrame frame)
    {
        using var scope = DisposeScope.Begin();
        // 1. depth of the newest diffused frame before it moves; it warps both buffers
        var depth = _depth is not null && _cadence.Next is { } next ? _depth.Predict(next) : null;
        // 2. warp both buffers up to this frame with its motion
        _cadence.Advance(frame.Index, buffer => _warper.Warp(buffer, frame.Motion!, _depthWarp ? depth : null));
        // 3. cross-fade and truncate to uint8
        var image = Cadence.ToImage(_cadence.Blend(frame.Blend!.Weight)).To(Device.Cpu); // [H, W, 3]
        var path = _sink.Write(new RenderedImage(frame.Index, OutputKind.Frame, frame.FileName!, image));
        var depthPath = frame.DepthFileName is not null && depth is not null ? WriteDepth(frame, depth) : null;
        if (frame.Stereo is { } stereo) WriteStereo(frame.Index, stereo, image, depth!);
        _report.Written(frame, path, depthPath);
    }

    /// <summary>vr_mode: the written image seen by both eyes through its depth, side by side (left | right) → [H, 2W, 3].</summary>
    void WriteStereo(int index, StereoView stereo, Tensor image, Tensor depth)
    {
        using var scope = DisposeScope.Begin();
        var views = new[] { stereo.Left, stereo.Right }.Select(eye => _warper.EyeView(image, depth, eye)).ToList(); // 2 × [H, W, 3]
        _sink.Write(new RenderedImage(index, OutputKind.Stereo, stereo.FileName, Tensor.Cat(views, dim: 1)));
    }

    string WriteDepth(PlannedFrame frame, Tensor depth) =>
        _sink.Write(new RenderedImage(frame.Index, OutputKind.DepthMap, frame.DepthFileName!, _depthMaps.ToImage8(depth).To(Device.Cpu)));

    public void Dispose()
    {
        _cadence.Dispose();
        _init.Dispose();
        _previousSample.Dispose();
        _hostRandom.Dispose();
    }
}
