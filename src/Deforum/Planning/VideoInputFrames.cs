using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>Video Input frame counting (algorithms.md §16): decode indices 0, N, 2N, … are kept, so max_frames = ⌈decoded / N⌉.</summary>
public static class VideoInputFrames
{
    /// <exception cref="SettingsException">extract_nth_frame below 1.</exception>
    public static int ExtractedCount(int decodedFrames, int extractNthFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decodedFrames);
        if (extractNthFrame < 1)
            throw new SettingsException(new SettingProblem("extract_nth_frame", null, extractNthFrame.ToString(),
                "must be at least 1", "set extract_nth_frame to 1 (every frame) or more"));
        return (decodedFrames + extractNthFrame - 1) / extractNthFrame;
    }
}
