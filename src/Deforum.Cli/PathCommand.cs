using System.CommandLine;
using System.Text;
using Deforum.Media;
using Deforum.Schedules.Paths;
using Deforum.Settings;

namespace Deforum.Cli;

/// <summary>
/// `deforum path orbit|figure-eight|dolly|spiral`: a camera path's schedules (<see cref="CameraPath"/>) as
/// settings-file lines on stdout, or written into a settings file (`--merge`, `--output`) atomically.
/// </summary>
internal static class PathCommand
{
    static readonly Dictionary<string, Easing> Easings = new(StringComparer.Ordinal)
    {
        ["linear"] = Easing.Linear, ["in"] = Easing.In, ["out"] = Easing.Out, ["in-out"] = Easing.InOut,
    };

    public static Command Create()
    {
        var cmd = new Command("path", "Write a camera move (orbit, figure-eight, dolly, spiral zoom) as the motion schedules of a settings file.");
        cmd.Subcommands.Add(Orbit());
        cmd.Subcommands.Add(FigureEight());
        cmd.Subcommands.Add(Dolly());
        cmd.Subcommands.Add(Spiral());
        return cmd;
    }

    static Command Orbit()
    {
        var common = new Common();
        var radius = new Option<double>("--radius") { Description = "distance to the centre, ahead of the camera (translation units: 2D pixels, 3D 200 = one depth unit)", Required = true };
        var ahead = new Option<double?>("--radius-ahead") { Description = "the ellipse's other radius, towards the centre (default: --radius, a circle)" };
        var turns = new Option<int>("--turns") { Description = "times round in the frames; negative sets off to the left", DefaultValueFactory = _ => 1 };
        var keep = new Option<bool>("--keep-heading") { Description = "do not turn to face the centre (3D rotation_3d_y, 2D angle stay 0)" };
        var cmd = common.Command("orbit", "Circle a centre ahead of the camera and come back to the start: the video loops.", radius, ahead, turns, keep);
        cmd.SetAction(parse => common.Run(parse, "orbit", (frames, mode) =>
            CameraPath.Orbit(frames, parse.GetValue(radius), mode, parse.GetValue(ahead), parse.GetValue(turns), !parse.GetValue(keep))));
        return cmd;
    }

    static Command FigureEight()
    {
        var common = new Common();
        var width = new Option<double>("--width") { Description = "side to side (translation units)", Required = true };
        var height = new Option<double>("--height") { Description = "top to bottom (translation units)", Required = true };
        var loops = new Option<int>("--loops") { Description = "times round in the frames; negative goes the other way", DefaultValueFactory = _ => 1 };
        var cmd = common.Command("figure-eight", "Trace an ∞ across the view and come back to the start: the video loops.", width, height, loops);
        cmd.SetAction(parse => common.Run(parse, "figure-eight", (frames, mode) =>
            CameraPath.FigureEight(frames, parse.GetValue(width), parse.GetValue(height), mode, parse.GetValue(loops))));
        return cmd;
    }

    static Command Dolly()
    {
        var common = new Common();
        var push = new Push("in-out");
        var cmd = common.Command("dolly", "Push in (or pull out) over the frames: 2D zoom, 3D translation_z.", push.Zoom, push.Distance, push.Ease);
        cmd.SetAction(parse => common.Run(parse, "dolly", (frames, mode) =>
            CameraPath.Dolly(frames, mode, parse.GetValue(push.Zoom), parse.GetValue(push.Distance), push.Read(parse))));
        return cmd;
    }

    static Command Spiral()
    {
        var common = new Common();
        var push = new Push("linear");
        var turns = new Option<double>("--turns") { Description = "rolls over the frames; positive turns the picture counter-clockwise", DefaultValueFactory = _ => 1 };
        var cmd = common.Command("spiral", "Push in while rolling: 2D zoom and angle, 3D translation_z and rotation_3d_z.", push.Zoom, push.Distance, push.Ease, turns);
        cmd.SetAction(parse => common.Run(parse, "spiral", (frames, mode) =>
            CameraPath.SpiralZoom(frames, parse.GetValue(turns), mode, parse.GetValue(push.Zoom), parse.GetValue(push.Distance), push.Read(parse))));
        return cmd;
    }

    /// <summary>What every path takes: its length, its mode and where the schedules go.</summary>
    sealed class Common
    {
        readonly Option<int> _frames = new("--frames") { Description = "the run's max_frames: a loop closes after exactly these", Required = true };
        readonly Option<string> _mode = new("--mode") { Description = "2D or 3D (animation_mode)", DefaultValueFactory = _ => AnimationModes.ThreeD };
        readonly Option<FileInfo?> _merge = new("--merge") { Description = "a settings file to write the schedules into (in place, unless --output)" };
        readonly Option<FileInfo?> _output = new("--output") { Description = "write the settings file here (with --merge: the merged file; alone: just the path's keys)" };

        public Command Command(string name, string description, params Option[] options)
        {
            var cmd = new Command(name, description) { _frames, _mode };
            foreach (var option in options) cmd.Options.Add(option);
            cmd.Options.Add(_merge);
            cmd.Options.Add(_output);
            return cmd;
        }

        public int Run(ParseResult parse, string name, Func<int, string, PathSchedules> make)
        {
            PathSchedules path;
            try
            {
                path = make(parse.GetValue(_frames), parse.GetValue(_mode)!);
            }
            catch (SettingsException e)
            {
                Console.Error.WriteLine($"deforum path {name}: {Describe(e)}");
                return 2;
            }
            var (merge, output) = (parse.GetValue(_merge), parse.GetValue(_output));
            if (merge is null && output is null)
            {
                Console.WriteLine(path.ToJsonLines());
                return 0;
            }
            try
            {
                string text, changes = "";
                if (merge is null) text = path.ToSettingsJson();
                else
                {
                    var file = File.ReadAllText(merge.FullName);
                    text = SettingsFile.Merge(file, path.ToJson());
                    changes = Changes(SettingsFile.Read(file).Settings.Animation, path);
                }
                var target = output ?? merge!;
                AtomicFile.WriteAllText(target.FullName, text);
                Console.WriteLine($"{path.Mode} {name} of {path.Frames} frames written into {target.FullName}{changes}");
                return 0;
            }
            catch (SettingsException e)
            {
                Console.Error.WriteLine($"deforum path {name}: {merge!.FullName} needs fixing first:{Environment.NewLine}{e.Message}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"deforum path {name}: {e.Message}");
                return 1;
            }
        }

        /// <summary>The run-shaping values the merge replaced, so a changed mode or length is no surprise.</summary>
        static string Changes(AnimationSettings before, PathSchedules path)
        {
            var changed = new List<string>();
            if (before.AnimationMode != path.Mode) changed.Add($"animation_mode {before.AnimationMode} → {path.Mode}");
            if (before.MaxFrames != path.Frames) changed.Add($"max_frames {before.MaxFrames} → {path.Frames}");
            return changed.Count == 0 ? "" : $" ({string.Join(", ", changed)})";
        }
    }

    /// <summary>The push of a dolly or spiral: 2D zoom or 3D distance, and its easing.</summary>
    sealed class Push(string defaultEase)
    {
        public Option<double?> Zoom { get; } = new("--zoom") { Description = "2D: the total zoom at the last frame (2 = twice as close, 0.5 pulls out)" };
        public Option<double?> Distance { get; } = new("--distance") { Description = "3D: how far forward by the last frame (translation units; negative moves back)" };
        public Option<string> Ease { get; } = new("--ease") { Description = "linear, in, out or in-out", DefaultValueFactory = _ => defaultEase };

        /// <exception cref="SettingsException">Not one of the easings.</exception>
        public Easing Read(ParseResult parse)
        {
            var ease = parse.GetValue(Ease)!;
            return Easings.TryGetValue(ease, out var e) ? e
                : throw new SettingsException(new SettingProblem("ease", null, ease, "is not an easing", "use linear, in, out or in-out"));
        }
    }

    /// <summary>Each problem under the option's name: the library names its parameters (radiusAhead → --radius-ahead).</summary>
    static string Describe(SettingsException e)
    {
        var text = new StringBuilder(e.Problems.Count == 1 ? "" : $"{e.Problems.Count} problems:");
        foreach (var p in e.Problems)
        {
            var option = "--" + string.Concat(p.Setting.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
            if (e.Problems.Count > 1) text.AppendLine().Append("  - ");
            text.Append((p with { Setting = option }).ToString());
        }
        return text.ToString();
    }
}
