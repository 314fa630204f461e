using System.CommandLine;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Settings;

namespace Deforum.Cli;

/// <summary>
/// `deforum resume RUN`: continue a stopped (or killed) run where it stopped, from its own settings file, in its own
/// folder — resume_from_timestring without editing the file, and without outdir depending on the month it runs in.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "the run's {timestring}_settings.txt, or its folder (the newest settings file there)" };
        var options = new RenderOptions();
        var cmd = new Command("resume", "Continue a stopped run exactly where it stopped (or say it is finished), then make its video.") { run };
        options.AddTo(cmd);
        cmd.SetAction((parse, token) =>
        {
            var values = options.Read(parse);
            return RunCommand.RenderAsync("resume", values, () => Load(parse.GetValue(run)!, values), token);
        });
        return cmd;
    }

    static (LoadedSettings, RunContext) Load(string run, RenderOptions.Values options)
    {
        var file = SettingsFileOf(run);
        var loaded = SettingsFile.Load(file);
        var a = loaded.Settings.Animation;
        // a resumed run's own settings file names the run it continued; a first run's is named after it
        string timestring = a.ResumeFromTimestring && a.ResumeTimestring.Length > 0 ? a.ResumeTimestring : OutputPaths.TimestringOfSettingsFile(file)!;
        var settings = options.ApplyTo(loaded.Settings) with { Animation = a with { ResumeFromTimestring = true, ResumeTimestring = timestring } };
        return (loaded with { Settings = settings }, RunContext.Now() with { Outdir = Path.GetDirectoryName(Path.GetFullPath(file)) });
    }

    /// <exception cref="SettingsException">Not a run's settings file, or a folder without one.</exception>
    static string SettingsFileOf(string run)
    {
        if (Directory.Exists(run))
            return Directory.EnumerateFiles(run, OutputPaths.SettingsFile("*")).Order(StringComparer.Ordinal).LastOrDefault()
                ?? throw new SettingsException(new SettingProblem("run", null, run, $"the folder has no run settings file ({OutputPaths.SettingsFile("*")})",
                    $"pass the folder a run wrote its frames to, or the run's {OutputPaths.SettingsFile("{timestring}")}"));
        if (OutputPaths.TimestringOfSettingsFile(run) is null)
            throw new SettingsException(new SettingProblem("run", null, run, "this is not a run's settings file",
                $"pass the {OutputPaths.SettingsFile("{timestring}")} written beside the run's frames, or its folder"));
        return run;
    }
}
