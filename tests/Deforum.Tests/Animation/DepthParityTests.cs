using Deforum.Animation.Depth;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class DepthParityTests
{
    /// <summary>The manifest's tolerance reason for the MiDaS input: "midas_in atol 1e-5".</summary>
    const double MidasInputAtol = 1e-5;

    /// <summary>
    /// Saved 8/16-bit maps are exact: the manifest allows 1 ("truncation after float division") for a port that divides
    /// or scales differently, but this one repeats NumPy's float32 steps (one ×65025 for 16 bit).
    /// </summary>
    const double SavedMapAtol = 0;

    /// <summary>A stub network returns its stored map; a case stores it once when every frame gets the same one.</summary>
    static string StubOutput(ImageGolden g, string name, int frame) =>
        Enumerable.Range(0, frame + 1).Select(i => $"{name}_{frame - i}").First(g.Has);

    public static IEnumerable<object[]> Cases => Golden.ImageCases("depth");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Depth_arithmetic_matches_the_original(string id)
    {
        using var g = new ImageGolden(id);
        int width = g.P.GetProperty("W").GetInt32(), height = g.P.GetProperty("H").GetInt32();
        double weight = g.Double("midas_weight");
        int frames = g.P.GetProperty("frames").GetInt32();
        var writer = new DepthMapWriter();
        for (int f = 0; f < frames; f++)
        {
            using var scope = DisposeScope.Begin();
            var image = g.Load($"in_image_{f}");
            if (g.Has($"midas_in_{f}"))
                Golden.AssertClose(DepthArithmetic.MidasInput(image).Squeeze(0).ToArray<float>(), g.Expected($"midas_in_{f}"),
                    new Tolerance(MidasInputAtol, 0), $"{id}/midas_in_{f}");
            var midas = DepthArithmetic.MidasDepth(g.Load(StubOutput(g, "midas_raw", f)), width, height);
            Tensor? adabins = null;
            if (DepthArithmetic.UsesAdaBins(weight))
            {
                if (g.Has($"adabins_in_{f}")) g.AssertClose(DepthArithmetic.AdaBinsInput(image), $"adabins_in_{f}");
                adabins = DepthArithmetic.AdaBinsDepth(g.Load(StubOutput(g, "adabins_raw", f)), width, height);
            }
            var depth = DepthArithmetic.Blend(midas, adabins, weight);
            g.AssertClose(depth, $"out_depth_{f}");
            var saves = new (string Name, Func<Tensor, Tensor> Save, double Atol)[]
            {
                ("out_save8", writer.ToImage8, SavedMapAtol), ("out_save16", writer.ToImage16, SavedMapAtol),
                ("out_save32", writer.ToImage32, g.Case.ToleranceFor("out_save32").Atol),
            };
            foreach (var (name, save, atol) in saves.Where(s => g.Has($"{s.Name}_{f}")))
                Golden.AssertClose(save(depth).To(DType.Float32).ToArray<float>(), g.Expected($"{name}_{f}"),
                    new Tolerance(atol, 0), $"{id}/{name}_{f}");
        }
    }
}
