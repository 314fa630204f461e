namespace Deforum.Planning;

/// <summary>
/// 0.7 anti-blur for one frame (algorithms.md §15): Gaussian blur with a Kernel×Kernel window (the original
/// truncates the schedule value with int()) and σ = Sigma, then (1 + Amount)·v − Amount·blur.
/// </summary>
public sealed record AntiBlur(int Kernel, double Sigma, double Amount, double Threshold);
