namespace Deforum.Schedules.Paths;

/// <summary>
/// Where the camera is at one frame, in the first frame's view: <see cref="Right"/>, <see cref="Up"/> and
/// <see cref="Ahead"/> in translation units, <see cref="Yaw"/> the heading turned so far (radians, positive to the
/// right). A 2D pose has no Ahead; its yaw turns the picture about the frame centre, as a camera looking straight down
/// at the picture would see it.
/// </summary>
readonly record struct CameraPose(double Right, double Up, double Ahead, double Yaw);
