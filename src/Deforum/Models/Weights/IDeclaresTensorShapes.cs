namespace Deforum.Models.Weights;

/// <summary>
/// A module that owns tensors of its own beyond the standard layers' (e.g. a position-id buffer) and states their
/// shapes, so <see cref="ParameterShapes"/> can check a checkpoint against it.
/// </summary>
public interface IDeclaresTensorShapes
{
    long[] ShapeOf(string name);
}
