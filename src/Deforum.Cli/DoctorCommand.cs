using System.CommandLine;
using System.Diagnostics;
using Deforum.Torch;

namespace Deforum.Cli;

/// <summary>`deforum doctor`: what libtorch, device and BLAS this installation uses, and a quick binding self-check.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "device to check: cpu, cuda, cuda:N", DefaultValueFactory = _ => "cpu" };
        var cmd = new Command("doctor", "Report the libtorch build, devices and BLAS, and run a binding self-check.") { device };
        cmd.SetAction(parse => Run(Device.Parse(parse.GetValue(device)!)));
        return cmd;
    }

    static int Run(Device device)
    {
        BuildInfo info;
        try
        {
            info = TorchLibrary.BuildInfo;
        }
        catch (TorchException e)
        {
            Console.Error.WriteLine($"deforum doctor: {e.Message}");
            return 1;
        }
        Console.WriteLine(info);
        foreach (var line in info.Tuning()) Console.WriteLine(line);
        if (device.IsCuda && !info.CudaAvailable)
        {
            Console.Error.WriteLine($"deforum doctor: {device} requested but this libtorch has no CUDA device; use --device cpu or a CUDA libtorch (LIBTORCH_DIR)");
            return 1;
        }

        // A miniature of what a render does: seeded noise, a convolution, attention, a reduction, back to the host.
        var sw = Stopwatch.StartNew();
        using var scope = DisposeScope.Begin();
        using var gen = new Generator(42, device);
        var x = Tensor.Randn([1, 4, 64, 64], gen, device: device);
        var w = Tensor.Randn([4, 4, 3, 3], gen, device: device);
        var y = F.Conv2d(x, w, padding: 1);
        var q = y.View(1, 4, 64 * 64).Transpose(1, 2);                       // [1, 4096, 4]
        var a = F.ScaledDotProductAttention(q, q, q);                         // [1, 4096, 4]
        double checksum = a.Abs().Mean().Item();
        Console.WriteLine($"self-check on {device}: ok ({sw.Elapsed.TotalMilliseconds:F0} ms, checksum {checksum:F6})");
        return double.IsFinite(checksum) ? 0 : 1;
    }
}
