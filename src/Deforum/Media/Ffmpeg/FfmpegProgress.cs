using System.Globalization;

namespace Deforum.Media.Ffmpeg;

/// <summary>One report of ffmpeg's <c>-progress</c> output: frames written so far, media time reached, speed.</summary>
public readonly record struct FfmpegProgress(long Frame, TimeSpan OutTime, double? Speed, bool Finished)
{
    /// <summary>
    /// Accumulates the key=value lines of one <c>-progress</c> block; the closing <c>progress=continue|end</c>
    /// line completes a report.
    /// </summary>
    internal sealed class Parser
    {
        long _frame;
        TimeSpan _outTime;
        double? _speed;

        public bool Feed(string line, out FfmpegProgress report)
        {
            report = default;
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return false;
            var key = line.AsSpan(0, eq).Trim();
            var value = line.AsSpan(eq + 1).Trim();
            switch (key)
            {
                case "frame" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f):
                    _frame = f;
                    break;
                // Despite its name, out_time_ms is in microseconds too; out_time_us is the unambiguous key.
                case "out_time_us" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0:
                    _outTime = TimeSpan.FromMicroseconds(us);
                    break;
                case "speed" when double.TryParse(value.TrimEnd('x'), NumberStyles.Float, CultureInfo.InvariantCulture, out var s):
                    _speed = s;
                    break;
                case "progress":
                    report = new FfmpegProgress(_frame, _outTime, _speed, value.SequenceEqual("end"));
                    return true;
            }
            return false;
        }
    }
}
