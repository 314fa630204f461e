using Deforum.Sampling;
using Deforum.Sampling.CompVis;
using Deforum.Sampling.KDiffusion;
using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Sampling;

public class ScheduleTests
{
    public static IEnumerable<object[]> DdpmCases => Golden.Cases("schedule_ddpm");
    public static IEnumerable<object[]> KDiffusionCases => Golden.Cases("schedule_kdiffusion");
    public static IEnumerable<object[]> LmsCases => Golden.Cases("schedule_lms");
    public static IEnumerable<object[]> DdimCases => Golden.Cases("schedule_ddim");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(DdpmCases))]
    public void Ddpm_buffers_match_register_schedule(string id)
    {
        using var c = new CaseFile(id);
        var ddpm = DdpmSchedule.Linear(c.Int("timesteps"), c.Double("linear_start"), c.Double("linear_end"));
        foreach (var name in c.Case.Outputs.Keys)
            GoldenAssert.Close(ddpm.Buffers[name], c.Read(name), c.Tolerance(name), $"{id} {name}");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(KDiffusionCases))]
    public void KDiffusion_sigma_table_get_sigmas_and_sigma_to_t_match(string id)
    {
        using var c = new CaseFile(id);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear(), c.KDiffusionVersion);
        foreach (var name in c.Case.Outputs.Keys)
        {
            IReadOnlyList<float> got = name switch
            {
                "sigmas_table" => schedule.Sigmas,
                "log_sigmas_table" => schedule.LogSigmas,
                _ when name.StartsWith("get_sigmas_", StringComparison.Ordinal) => schedule.GetSigmas(StepsIn(name)),
                _ when name.StartsWith("sigma_to_t_", StringComparison.Ordinal) =>
                    schedule.GetSigmas(StepsIn(name)).SkipLast(1).Select(schedule.SigmaToT).ToArray(),
                _ => throw new InvalidDataException($"unexpected output {name}"),
            };
            GoldenAssert.Close(got, c.Read(name), c.Tolerance(name), $"{id} {name}");
        }
    }

    static int StepsIn(string name) => int.Parse(name[(name.LastIndexOf('_') + 1)..]);

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(LmsCases))]
    public void Lms_coefficients_match_scipy_quad(string id)
    {
        using var c = new CaseFile(id);
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear(), c.KDiffusionVersion).GetSigmas(c.Int("steps"));
        var expected = c.Params.GetProperty("coeffs_float64").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var orders = c.Longs(c.Case.Outputs["orders"].Tensor);
        var table = c.Read("coeffs");
        int width = (int)c.Shape("coeffs")[1];
        var tol = c.Tolerance("coeffs");
        for (int i = 0; i < expected.Length; i++)
        {
            var got = LinearMultistep.StepCoefficients(sigmas, i, c.Int("order"));
            Assert.Equal(orders[i], got.Length);
            Golden.AssertClose(got.Select(v => (float)v).ToArray(), expected[i].Select(v => (float)v).ToArray(), tol, $"{id} step {i} (float64 params)");
            Golden.AssertClose(got.Select(v => (float)v).ToArray(), table.AsSpan(i * width, got.Length), tol, $"{id} step {i} (tensor)");
        }
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(DdimCases))]
    public void Ddim_tables_match_make_schedule(string id)
    {
        using var c = new CaseFile(id);
        var discretization = DdimScheduleKinds.Parse(c.String("discretize"));
        var ddim = DdimSchedule.Create(DdpmSchedule.Linear(), c.Int("steps"), c.Double("eta"), discretization);
        Assert.Equal(c.Longs(c.Case.Outputs["ddim_timesteps"].Tensor), ddim.Timesteps.Select(t => (long)t).ToArray());
        foreach (var (name, got) in new[]
                 {
                     ("ddim_alphas", ddim.Alphas), ("ddim_alphas_prev", ddim.AlphasPrev), ("ddim_sigmas", ddim.Sigmas),
                     ("ddim_sqrt_one_minus_alphas", ddim.SqrtOneMinusAlphas),
                 })
            GoldenAssert.Close(got, c.Read(name), c.Tolerance(name), $"{id} {name}");
    }
}
