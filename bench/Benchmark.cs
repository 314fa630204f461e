namespace Deforum.Bench;

/// <summary>
/// One named benchmark. Setup runs once, untimed; Run is timed after warm-up; Dispose frees what Setup made.
/// Add a benchmark by adding a class that implements <see cref="IBenchmarkSet"/>: discovery is by reflection,
/// so no central list has to be edited.
/// </summary>
public abstract class Benchmark(string name, string description) : IDisposable
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    public virtual int WarmupRuns => 1;
    public virtual int TimedRuns => 5;
    public virtual void Setup() { }
    public abstract void Run();
    /// <summary>Extra fields for the result line (e.g. a per-frame time, the reference's number).</summary>
    public virtual IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>();
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>A group of benchmarks, usually one per engine folder.</summary>
public interface IBenchmarkSet
{
    IEnumerable<Benchmark> Create();
}

/// <summary>A benchmark from two delegates, for the common case.</summary>
public sealed class DelegateBenchmark(string name, string description, Action run, Action? setup = null, Action? teardown = null, int runs = 5)
    : Benchmark(name, description)
{
    public override int TimedRuns => runs;
    public override void Setup() => setup?.Invoke();
    public override void Run() => run();
    public override void Dispose()
    {
        teardown?.Invoke();
        base.Dispose();
    }
}
