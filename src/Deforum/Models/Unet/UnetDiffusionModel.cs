using Deforum.Models.Config;
using Deforum.Sampling;
using Deforum.Torch;

namespace Deforum.Models.Unet;

/// <summary>The UNet as the samplers see it: its prediction kind comes from the config's parameterization.</summary>
public sealed class UnetDiffusionModel(UnetModel unet, Parameterization parameterization) : IDiffusionModel, IDisposable
{
    public UnetModel Unet { get; } = unet;

    public ModelPrediction Prediction { get; } = parameterization == Parameterization.V ? ModelPrediction.V : ModelPrediction.Epsilon;

    public Tensor Forward(Tensor x, Tensor t, Tensor context) => Unet.Forward(x, t, context);

    public void Dispose() => Unet.Dispose();
}
