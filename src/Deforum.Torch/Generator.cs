using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>
/// A libtorch random generator. For the same seed and the same sequence of draws it yields exactly PyTorch's
/// numbers (torch.Generator / torch.manual_seed), on the CPU and on CUDA.
/// </summary>
public sealed class Generator : IDisposable
{
    internal readonly GeneratorHandle Handle;

    public Device Device { get; }

    public Generator(ulong seed, Device? device = null)
    {
        NativeLibraryLoader.EnsureLoaded();
        Device = device ?? Device.Cpu;
        Handle = new GeneratorHandle(TorchException.Check(NativeMethods.dt_generator_new((int)Device.Type, Device.Index, seed), "generator"));
    }

    /// <summary>Reseeds, like generator.manual_seed(seed). Negative Python seeds wrap to their uint64 value, as in torch.</summary>
    public Generator ManualSeed(long seed)
    {
        TorchException.Check(NativeMethods.dt_generator_manual_seed(Handle, unchecked((ulong)seed)), "manual_seed");
        return this;
    }

    /// <summary>The generator state as a byte tensor (save it to resume a run's random stream).</summary>
    public Tensor GetState() => Tensor.Wrap(NativeMethods.dt_generator_get_state(Handle), "get_state");

    public void SetState(Tensor state) => TorchException.Check(NativeMethods.dt_generator_set_state(Handle, state.Handle), "set_state");

    internal IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    public void Dispose() => Handle.Dispose();
}
