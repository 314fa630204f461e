using Deforum.Animation.Perlin;
using Deforum.Outputs;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Schedules;
using Deforum.Seeds;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// Port of the frame loop of deforum-stable-diffusion render_animation (2D, 3D, Video Input) including the
/// diffusion_cadence in-betweens (algorithms.md §10, §13, §16), with the prompt blend windows of <see cref="PromptWindows"/>. Fixed: the in-betweens after the last diffused
/// frame, which the original never writes, are planned as the same warps and cross-fades toward it.
/// </summary>
sealed class AnimationPlanner
{
    readonly PreparedRun _run;
    readonly GenerationSettings _g;
    readonly AnimationSettings _a;
    readonly AnimationSchedules _s;
    readonly FramePrompt[] _prompts;
    readonly PromptWindow?[] _windows;
    readonly SeedSequence _seeds;
    readonly bool _video;
    readonly int _cadence;
    readonly PerlinNoiseShape? _perlinNoise;
    readonly PerlinMode? _perlinInit;
    readonly string _timestring;
    readonly List<PlannedFrame> _frames = [];

    AnimationPlanner(PreparedRun run, ResumePoint? resume)
    {
        _run = run;
        _g = run.Settings.Generation;
        _a = run.Settings.Animation;
        _s = run.Schedules!;
        _prompts = PromptResolver.ForFrames(run.Settings.Prompts, _g, _a.MaxFrames);
        _windows = PromptWindows.Plan(run.Settings, _prompts);
        _seeds = new SeedSequence(_g.SeedBehavior, _g.Seed, _g.SeedIterN);
        _video = _a.AnimationMode == AnimationModes.VideoInput;
        _cadence = _video ? 1 : _a.DiffusionCadence;
        _timestring = resume?.Timestring ?? _g.Timestring;
        _perlinNoise = PerlinRules.NoiseShape(_a);
        _perlinInit = _video ? null : PerlinRules.InitMode(_g);
    }

    public static List<PlannedFrame> Plan(PreparedRun run, ResumePoint? resume)
    {
        var planner = new AnimationPlanner(run, resume);
        planner.Run(resume);
        return planner._frames;
    }

    void Run(ResumePoint? resume)
    {
        bool colorOn = _a.ColorCoherence != "None" && !_video;
        bool hasPrevious = resume is not null && !_video;
        bool referenceStored = resume is not null;
        int? prevIndex = null, nextIndex = null;
        if (resume is not null && _cadence > 1)
            prevIndex = nextIndex = resume.LastFrame;

        int f = resume?.StartFrame ?? 0;
        while (f < _a.MaxFrames)
        {
            if (_cadence > 1)
                AddInBetweens(Math.Max(0, f - _cadence), f, f - Math.Max(0, f - _cadence), prevIndex, nextIndex);
            var color = !colorOn || !hasPrevious ? ColorReferenceRule.None
                : referenceStored ? ColorReferenceRule.MatchReference : ColorReferenceRule.StoreReference;
            referenceStored |= color == ColorReferenceRule.StoreReference;
            _frames.Add(Diffused(f, hasPrevious, color));
            hasPrevious = !_video;
            _seeds.Advance();
            if (_cadence > 1)
            {
                (prevIndex, nextIndex) = (nextIndex, f);
                f += _cadence;
            }
            else f++;
        }
        if (_cadence > 1 && nextIndex is { } last)
            AddInBetweens(last, Math.Min(last + _cadence, _a.MaxFrames), _cadence, prevIndex, nextIndex);
    }

    PlannedFrame Diffused(int f, bool hasPrevious, ColorReferenceRule color)
    {
        var perlinInit = hasPrevious ? null : _perlinInit;
        bool hasInit = hasPrevious || _g.UseInit || perlinInit is not null;
        long seed = _run.SeedSchedule is { } seeds ? (long)seeds[f] : _seeds.Current;
        double strength = hasPrevious
            ? Math.Clamp(_s.Strength[f], 0, 1)
            : Img2Img.EffectiveStrength(_g.Strength, hasInit, _g.Strength0NoInit);
        return new PlannedFrame
        {
            Index = f,
            Kind = FrameKind.Diffused,
            Motion = hasPrevious ? FrameMotion.At(_s, f) : null,
            Strength = strength,
            Steps = Img2Img.TEnc(strength, _g.Steps),
            Noise = hasPrevious ? _s.Noise[f] : null,
            PerlinNoise = hasPrevious && _perlinNoise is { } shape ? new PlannedPerlinNoise(shape, NoiseSeed(f, seed)) : null,
            Contrast = hasPrevious ? _s.Contrast[f] : null,
            AntiBlur = hasPrevious && _s.Amount[f] != 0 ? new AntiBlur((int)_s.Kernel[f], _s.Sigma[f], _s.Amount[f], _s.Threshold[f]) : null,
            Color = color,
            Prompt = _prompts[f],
            PromptWindow = _windows[f],
            Seed = seed,
            Sampler = _run.SamplerSchedule?[f],
            InitImage = _video ? Path.Combine(_g.Outdir, OutputPaths.InputFrame(f + 1)) : hasPrevious || perlinInit is not null ? null : _g.UseInit ? _g.InitImage : null,
            PerlinInit = perlinInit,
            FileName = _cadence == 1 ? OutputPaths.FrameFile(_timestring, f) : null,
            DepthFileName = _cadence == 1 && _a.SaveDepthMaps ? OutputPaths.DepthFile(_timestring, f) : null,
            Stereo = _cadence == 1 ? Stereo(f) : null,
            MaskImage = _video && _a.UseMaskVideo ? Path.Combine(_g.Outdir, OutputPaths.MaskFrame(f + 1)) : null,
        };
    }

    /// <summary>The extension noises with args.seed, which seed_behavior "schedule" sets only after the noise: the previous generation's.</summary>
    long NoiseSeed(int f, long seed) => _run.SeedSchedule is { } seeds ? (long)seeds[Math.Max(0, f - _cadence)] : seed;

    /// <summary>Frames start … end−1, weights (k − start + 1)/span toward the newest diffused frame.</summary>
    void AddInBetweens(int start, int end, int span, int? prevIndex, int? nextIndex)
    {
        if (nextIndex is not { } next) return;
        for (int k = start; k < end; k++)
        {
            double w = (double)(k - start + 1) / span;
            _frames.Add(new PlannedFrame
            {
                Index = k,
                Kind = FrameKind.InBetween,
                Motion = FrameMotion.At(_s, k),
                Blend = new CadenceBlend(prevIndex is not null && w < 1 ? prevIndex : null, next, w),
                FileName = OutputPaths.FrameFile(_timestring, k),
                DepthFileName = _a.SaveDepthMaps ? OutputPaths.DepthFile(_timestring, k) : null,
                Stereo = Stereo(k),
            });
        }
    }

    StereoView? Stereo(int f) => _a.VrMode ? StereoView.For(OutputPaths.StereoFile(_timestring, f), _a.VrIpd, _a.VrEyeAngle) : null;
}
