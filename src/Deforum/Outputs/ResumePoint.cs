namespace Deforum.Outputs;

/// <summary>
/// Where a resumed 2D/3D run continues: the frame to load as the previous frame (also the new colour reference)
/// and the first frame to render. With cadence both cadence buffers start as the loaded frame.
/// </summary>
public sealed record ResumePoint(string Timestring, int LastFrame, int StartFrame, string LastFrameFile);
