namespace Deforum.Media.Video;

/// <summary>
/// Forward, then backward without showing either end twice: 0 … N−1, N−2 … 1. The next frame after the last is frame
/// 0 again, one step on, so a player looping the video shows no pause or jump at the turns.
/// </summary>
public static class PingPongOrder
{
    /// <summary>How many frames the ping-pong video has: 2N − 2 (N for one or two frames, which have no middle to repeat).</summary>
    public static int Length(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return frames <= 2 ? frames : 2 * frames - 2;
    }

    /// <summary>The indices 0 … frames−1 in ping-pong order.</summary>
    public static IEnumerable<int> Of(int frames) =>
        Enumerable.Range(0, frames).Concat(Enumerable.Range(1, Math.Max(0, frames - 2)).Reverse()).Take(Length(frames));
}
