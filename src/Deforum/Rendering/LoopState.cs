using Deforum.Media;
using Deforum.Outputs;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Rendering;

/// <summary>
/// What the 2D/3D loop carries from one diffused frame to the next (spec §10, §12.4, §13, §14, §5.4), taken right
/// after a diffused frame: with it a resumed run continues bit for bit. Stored as one safetensors file
/// (<see cref="OutputPaths.ResumeStateFile"/>), the header in <see cref="Info"/>. Owns its tensors.
/// </summary>
public sealed class LoopState : IDisposable
{
    public required ResumeStateInfo Info { get; init; }
    /// <summary>The decoded sample [1, 3, H, W] the next diffused frame warps (without cadence; with cadence it comes from <see cref="CadenceNext"/>).</summary>
    public Tensor? PreviousSample { get; init; }
    /// <summary>The colour-coherence reference [H, W, 3] uint8, once stored.</summary>
    public Tensor? ColorReference { get; init; }
    /// <summary>The cadence buffers [H, W, 3] float32 (turbo_prev, turbo_next) and the frame each is warped up to.</summary>
    public Tensor? CadencePrevious { get; init; }
    public int CadencePreviousIndex { get; init; }
    public Tensor? CadenceNext { get; init; }
    public int CadenceNextIndex { get; init; }
    /// <summary>The CPU generator's state after the generation: the next init's noise continues this stream.</summary>
    public required Tensor HostRandom { get; init; }
    /// <summary>The saved depth maps' running range (1000 / −1000 before the first).</summary>
    public float DepthMin { get; init; }
    public float DepthMax { get; init; }

    /// <summary>Writes the state atomically: a kill mid-write leaves the previous state whole.</summary>
    public void Save(string path)
    {
        using var scope = DisposeScope.Begin();
        var tensors = new List<(string, Tensor)>
        {
            ("host_random", HostRandom),
            ("cadence_indices", Tensor.From<long>([CadencePreviousIndex, CadenceNextIndex], 2)),
            ("depth_range", Tensor.From<float>([DepthMin, DepthMax], 2)),
        };
        foreach (var (name, t) in Optional())
            if (t is not null) tensors.Add((name, t));
        AtomicFile.Write(path, stream => SafetensorsWriter.Write(stream, tensors, Info.ToMetadata()));
    }

    /// <summary>Reads a state written by <see cref="Save"/>; its tensors on the CPU.</summary>
    /// <exception cref="Settings.SettingsException">Not a resume state this version reads.</exception>
    public static LoopState Load(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var info = ResumeStateInfo.FromMetadata(file.Metadata, path);
        Tensor? Read(string name) => file.Entries.TryGetValue(name, out var e)
            ? DisposeScope.Detach(Tensor.FromHost(file.GetPointer(name), e.Shape, null, e.DType, e.DType, Device.Cpu))
            : null;
        T[] Values<T>(string name) where T : unmanaged => file.Entries.ContainsKey(name) ? file.Read<T>(name) : throw Missing(name);
        Settings.SettingsException Missing(string name) => new(new Settings.SettingProblem("resume_timestring", null, Path.GetFileName(path),
            $"the resume state {path} has no '{name}'", $"delete {Path.GetFileName(path)} to resume as the original notebook does"));
        var indices = Values<long>("cadence_indices");
        var depth = Values<float>("depth_range");
        return new LoopState
        {
            Info = info,
            HostRandom = Read("host_random") ?? throw Missing("host_random"),
            PreviousSample = Read("previous_sample"),
            ColorReference = Read("color_reference"),
            CadencePrevious = Read("cadence_previous"),
            CadenceNext = Read("cadence_next"),
            CadencePreviousIndex = (int)indices[0],
            CadenceNextIndex = (int)indices[1],
            DepthMin = depth[0],
            DepthMax = depth[1],
        };
    }

    IEnumerable<(string Name, Tensor? Tensor)> Optional() =>
        [("previous_sample", PreviousSample), ("color_reference", ColorReference), ("cadence_previous", CadencePrevious), ("cadence_next", CadenceNext)];

    public void Dispose()
    {
        HostRandom.Dispose();
        foreach (var (_, t) in Optional()) t?.Dispose();
    }
}
