using System.CommandLine;

namespace Deforum.Cli;

/// <summary>The `deforum` command line: doctor, run, resume, preview, video, path, notebook run.</summary>
internal static class DeforumCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Deforum Stable Diffusion for .NET: render animations from a settings file, make videos, check the installation.");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ResumeCommand.Create());
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(VideoCommand.Create());
        root.Subcommands.Add(PathCommand.Create());
        root.Subcommands.Add(NotebookCommand.Create());
        return root;
    }
}
