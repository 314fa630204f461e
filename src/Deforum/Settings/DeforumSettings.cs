using Deforum.Prompts;

namespace Deforum.Settings;

/// <summary>Every setting of the notebook, grouped by cell. Only Generation, Guidance, Animation and Prompts go into a settings file.</summary>
public sealed record DeforumSettings
{
    public NotebookSettings Notebook { get; init; } = new();
    public PathSettings Paths { get; init; } = new();
    public ModelSettings Model { get; init; } = new();
    public AnimationSettings Animation { get; init; } = new();
    public PromptSettings Prompts { get; init; } = new();
    public GenerationSettings Generation { get; init; } = new();
    public GuidanceSettings Guidance { get; init; } = new();
    public VideoOutputSettings Video { get; init; } = new();
}
