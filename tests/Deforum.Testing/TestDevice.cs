using Deforum.Torch;

namespace Deforum.Testing;

/// <summary>The device tests run on: DEFORUM_TEST_DEVICE (cpu, cuda, cuda:N), default cpu.</summary>
public static class TestDevice
{
    public static Device Current { get; } =
        Environment.GetEnvironmentVariable("DEFORUM_TEST_DEVICE") is { Length: > 0 } d ? Device.Parse(d) : Device.Cpu;
}
