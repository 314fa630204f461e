namespace Deforum.Torch.Modules;

/// <summary>
/// A module brought to a device for one use and sent back to its home device when disposed (low-VRAM offloading).
/// Each move copies every tensor and frees the old copy at once (<see cref="Module.To"/>), so the module is on one
/// device at a time; the default visit moves nothing.
/// </summary>
public readonly struct ModuleVisit : IDisposable
{
    readonly Module? _module;
    readonly Device _home;

    /// <summary>Moves <paramref name="module"/> to <paramref name="device"/> now; <paramref name="home"/> is where it goes back.</summary>
    public ModuleVisit(Module module, Device device, Device home)
    {
        ArgumentNullException.ThrowIfNull(module);
        (_module, _home) = (module, home);
        module.To(device);
    }

    public void Dispose() => _module?.To(_home);
}
