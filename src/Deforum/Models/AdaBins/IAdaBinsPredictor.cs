using Deforum.Torch;

namespace Deforum.Models.AdaBins;

/// <summary>
/// AdaBins as Deforum calls it (src/infer.py::InferenceHelper.predict_pil, NYU weights): the image DepthModel.predict
/// prepares (H×W×3 uint8, BGR, already resized into AdaBins' area range) → metric depth [H, W] in metres, clipped to
/// [0.001, 10]. The caller owns the result.
/// </summary>
public interface IAdaBinsPredictor
{
    Tensor Predict(Tensor image);
}
