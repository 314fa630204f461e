namespace Deforum.Prompts;

/// <summary>
/// Port of the animation prompt table (deforum-stable-diffusion render_animation: pandas Series, ffill then bfill):
/// frame N takes the prompt of the greatest key ≤ N; frames before the first key take the first stored prompt.
/// Keys ≥ max_frames are stored after the end, so if every key is out of range all frames get the first one written.
/// </summary>
public static class PromptTable
{
    public static string[] Build(OrderedDictionary<int, string> prompts, int maxFrames)
    {
        var table = new string?[maxFrames];
        string? firstStored = null;
        foreach (var (frame, text) in prompts.Where(p => p.Key < maxFrames).OrderBy(p => p.Key))
        {
            table[frame] = text;
            firstStored ??= text;
        }
        firstStored ??= prompts.Count > 0 ? prompts.GetAt(0).Value : "";
        string current = firstStored;
        for (int f = 0; f < maxFrames; f++)
            table[f] = current = table[f] ?? current;
        return table!;
    }
}
