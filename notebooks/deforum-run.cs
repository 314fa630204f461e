#:project ../src/Deforum/Deforum.csproj
// The notebook's job without a notebook, as a .NET file-based app (not deforum.cs: a file-based app named like the
// Deforum project it references makes NuGet's restore fail with "Ambiguous project name"):
//   dotnet run notebooks/deforum-run.cs -- SETTINGS.txt [models_path] [output_path] [custom_checkpoint_path] [custom_config_path]
// SETTINGS.txt is a *_settings.txt as the Python notebook or this engine writes it. Without a custom checkpoint the
// model cell's default (sd-v1-4.ckpt, downloaded into models_path and SHA-256-checked) is used.
using Deforum.Models;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;

if (args.Length is < 1 or > 5)
{
    Console.Error.WriteLine("usage: dotnet run notebooks/deforum-run.cs -- SETTINGS.txt [models_path] [output_path] [custom_checkpoint_path] [custom_config_path]");
    return 2;
}
string Arg(int i, string fallback) => args.Length > i && args[i].Length > 0 ? args[i] : fallback;
var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
string modelsPath = Arg(1, Path.Combine(home, "models")), outputPath = Arg(2, Path.Combine(home, "deforum"));
string checkpoint = Arg(3, ""), config = Arg(4, "");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    // Settings: the file, onto the paths given here
    var loaded = SettingsFile.Load(args[0], new DeforumSettings { Paths = new PathSettings { ModelsPath = modelsPath, OutputPath = outputPath } });
    // Model
    using var model = await StableDiffusion.LoadAsync(new ModelLoadOptions
    {
        ModelsPath = modelsPath,
        ModelCheckpoint = checkpoint.Length > 0 ? "custom" : loaded.Settings.Model.ModelCheckpoint,
        CustomCheckpointPath = checkpoint,
        ModelConfig = config.Length > 0 ? "custom" : loaded.Settings.Model.ModelConfig,
        CustomConfigPath = config,
    }, cancellationToken: stop.Token);
    // Do the Run!
    var planned = await DeforumRun.PlanAsync(loaded.Settings, RunContext.Now(), stop.Token);
    var progress = new RunProgressTracker((e, s) => { if (e.Event is RenderEvent.FrameWritten or RenderEvent.RunFinished) Console.WriteLine(s); });
    var result = await DeforumRun.ExecuteAsync(model, planned, loaded.UnknownKeys, progress, stop.Token);
    Console.WriteLine($"frames: {result.Outdir}");
    if (result.Video is { } video) Console.WriteLine($"video: {video}");
    return 0;
}
catch (Exception e) when (e is SettingsException or ModelLoadException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stopped between frames; every saved frame is whole (resume with resume_from_timestring)");
    return 130;
}
