using System.CommandLine;
using Deforum.Cli;

var root = new RootCommand("Deforum Stable Diffusion for .NET: render animations from a settings file, make videos, check the installation.");
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(PreviewCommand.Create());
return await root.Parse(args).InvokeAsync();
