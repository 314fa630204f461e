using Deforum.Cli;

return await DeforumCli.Create().Parse(args).InvokeAsync();
