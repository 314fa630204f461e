namespace Deforum.Interactive;

/// <summary>An image file shown inline (a saved frame, a depth map, a grid); <see cref="DeforumNotebook.Frame"/> makes one.</summary>
public sealed record FrameImage(string Path, string? Caption = null);
