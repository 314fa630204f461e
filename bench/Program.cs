using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Deforum.Bench;

// Contract: `dotnet run -c Release --project bench -- NAME` prints, as its LAST line, one JSON object
// {"name":..., "median_ms":..., "runs":...}; `-- --list` lists the names. Results are also appended to
// bench/results/results.jsonl.
var all = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmarkSet).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .SelectMany(t => ((IBenchmarkSet)Activator.CreateInstance(t)!).Create())
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "--list" or "-l")
{
    foreach (var b in all) Console.WriteLine($"{b.Name,-22} {b.Description}");
    return args.Length == 0 ? 1 : 0;
}

var bench = all.FirstOrDefault(b => b.Name == args[0]);
if (bench is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

using (bench)
{
    bench.Setup();
    for (int i = 0; i < bench.WarmupRuns; i++) bench.Run();
    var times = new List<double>();
    for (int i = 0; i < bench.TimedRuns; i++)
    {
        var sw = Stopwatch.StartNew();
        bench.Run();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    var inOrder = times.Select(t => Math.Round(t, 2)).ToList();
    times.Sort();
    double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    var result = new Dictionary<string, object> { ["name"] = bench.Name, ["median_ms"] = Math.Round(median, 4), ["runs"] = times.Count };
    result["min_ms"] = Math.Round(times[0], 4);
    result["max_ms"] = Math.Round(times[^1], 4);
    result["times_ms"] = inOrder;
    foreach (var (k, v) in bench.Extra(median)) result[k] = v;
    var line = JsonSerializer.Serialize(result);
    var dir = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results");
    Directory.CreateDirectory(dir);
    File.AppendAllText(Path.Combine(dir, "results.jsonl"), line + Environment.NewLine);
    Console.WriteLine(line);
}
return 0;
