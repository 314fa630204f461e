namespace Deforum.Media.Video;

/// <summary>What the frame extraction needs to know about a video: its size, frame rate and frame count.</summary>
public sealed record VideoInfo(int Width, int Height, double Fps, int FrameCount);
