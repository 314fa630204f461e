using Deforum.Sampling;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>Hands out a case's recorded draws in order, checking each request's kind and shape against the recording.</summary>
public sealed class ReplayNoise(CaseFile file) : INoiseSource
{
    readonly IReadOnlyList<RngCall> _calls = file.RngCalls;

    public int Next { get; set; }

    public Tensor Randn(long[] shape, Device device) => Take(false, shape).To(device);

    public Tensor RandnLike(Tensor x) => Take(true, x.Shape).To(x.Device, x.DType);

    Tensor Take(bool like, long[] shape)
    {
        Assert.True(Next < _calls.Count, $"draw #{Next} was not made by the original ({_calls.Count} draws recorded)");
        var call = _calls[Next++];
        Assert.True(call.IsLike == like, $"draw #{call.Index}: the original called {call.Function}");
        Assert.Equal(call.Shape, shape);
        return file.RngTensor(call);
    }
}

/// <summary>Records what an inner noise source hands out.</summary>
public sealed class RecordingNoise(INoiseSource inner) : INoiseSource
{
    public List<(bool Like, float[] Values)> Draws { get; } = [];

    public Tensor Randn(long[] shape, Device device) => Keep(false, inner.Randn(shape, device));

    public Tensor RandnLike(Tensor x) => Keep(true, inner.RandnLike(x));

    Tensor Keep(bool like, Tensor t)
    {
        Draws.Add((like, t.To(Device.Cpu).ToArray<float>()));
        return t;
    }

    /// <summary>Every draw equals the recorded one bit for bit, and there are as many.</summary>
    public void AssertMatches(CaseFile file, int skip = 0)
    {
        var calls = file.RngCalls.Skip(skip).ToList();
        Assert.Equal(calls.Count, Draws.Count);
        for (int k = 0; k < calls.Count; k++)
        {
            Assert.True(calls[k].IsLike == Draws[k].Like, $"draw #{calls[k].Index}: the original called {calls[k].Function}");
            Assert.True(file.Floats(calls[k].Tensor).AsSpan().SequenceEqual(Draws[k].Values), $"draw #{calls[k].Index} differs from rng tensor {calls[k].Tensor}");
        }
    }
}

/// <summary>
/// A denoiser that returns a case's recorded first-evaluation D for the step whose σ it is asked about (and the last
/// one otherwise), so single-evaluation samplers can be checked without the UNet.
/// </summary>
public sealed class ReplayDenoiser(CaseFile file, string sigmaName = "step.sigma", string denoisedName = "step.denoised") : IDenoiser
{
    readonly float[] _sigmas = file.Read(sigmaName);
    int _last;

    public int Calls { get; private set; }

    public Tensor Denoise(Tensor x, float sigma)
    {
        Calls++;
        int k = Array.IndexOf(_sigmas, sigma);
        if (k >= 0) _last = k;
        return file.StepTensor(denoisedName, _last).To(x.Device);
    }
}
