namespace Deforum.Torch.Native;

/// <summary>
/// Makes libtorch's idle OpenMP workers sleep instead of spin (OMP_WAIT_POLICY=passive) unless the user chose a
/// policy. libgomp's default spins after every parallel region; when other processes want the cores (a render
/// beside a build, a shared CI machine) the spinning workers burn the time slices the working thread needs, and
/// a 7 ms forward becomes 100-500 ms. libgomp reads the variable once, when libtorch loads it, so this runs first.
/// </summary>
internal static class OpenMpWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";
    const string SpinCount = "GOMP_SPINCOUNT";

    /// <summary>Runs before the shim is loaded; returns what the policy is and who set it.</summary>
    public static string Apply()
    {
        if (LibC.GetEnv(Variable) is { } user) return $"{user} ({Variable} set in the environment, respected)";
        if (LibC.GetEnv(SpinCount) is { } spins) return $"libgomp's, with {SpinCount}={spins} set in the environment (respected)";
        if (LibC.IsLoaded("libgomp.so.1")) return $"libgomp's default (libgomp was loaded before Deforum.Torch could set {Variable})";
        LibC.SetEnv(Variable, "passive");
        return $"passive (set by Deforum.Torch; {Variable}=active to spin)";
    }
}
