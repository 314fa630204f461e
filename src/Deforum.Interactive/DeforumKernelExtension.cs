using Deforum.Interactive.Html;
using Microsoft.DotNet.Interactive;

namespace Deforum.Interactive;

/// <summary>
/// Loaded by .NET Interactive from this package's <c>interactive-extensions/dotnet</c> folder when a notebook runs
/// <c>#r "nuget: Deforum.Interactive"</c>: registers the formatters that turn frames, plans, schedules, runs and
/// settings problems into what a Deforum user expects to see in a cell's output.
/// </summary>
public sealed class DeforumKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        NotebookFormatters.Register();
        return Task.CompletedTask;
    }
}
