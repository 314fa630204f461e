using Deforum.Planning;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

public class DepthAlgorithmTests
{
    static readonly RunContext Context = new(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1), ExtractedVideoFrames: 10);

    static DeforumSettings ThreeD(string algorithm, bool depthWarping = true, string mode = "3D") => new DeforumSettings() with
    {
        Animation = new AnimationSettings { AnimationMode = mode, MaxFrames = 4, UseDepthWarping = depthWarping, DepthAlgorithm = algorithm },
    };

    public static TheoryData<string> Supported() => [.. DepthAlgorithms.Supported];
    public static TheoryData<string> NotSupported() => [.. DepthAlgorithms.NotSupported.Keys];

    [Fact]
    public void A_notebook_settings_file_without_the_key_keeps_the_notebooks_MiDaS_AdaBins_depth()
    {
        var json = SettingsFile.Write(ThreeD(DepthAlgorithms.DepthAnythingV2Small)).Replace("\"depth_algorithm\": \"Depth-Anything-V2-Small\",", "", StringComparison.Ordinal);
        Assert.DoesNotContain("depth_algorithm", json, StringComparison.Ordinal);
        Assert.Equal(DepthAlgorithms.MidasAdaBins, SettingsFile.Read(json).Settings.Animation.DepthAlgorithm);
    }

    [Fact]
    public void The_value_round_trips_through_the_settings_file() =>
        Assert.Equal(DepthAlgorithms.DepthAnythingV2Base,
            SettingsFile.Read(SettingsFile.Write(ThreeD(DepthAlgorithms.DepthAnythingV2Base))).Settings.Animation.DepthAlgorithm);

    [Theory, MemberData(nameof(Supported))]
    public void Supported_values_render_3D_with_depth(string value) => RunPreparation.Prepare(ThreeD(value), Context);

    [Theory, MemberData(nameof(NotSupported))]
    public void Other_extension_values_are_refused_when_depth_is_predicted(string value)
    {
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(ThreeD(value), Context));
        var p = Assert.Single(e.Problems, x => x.Setting == "depth_algorithm");
        Assert.Equal(value, p.BadText);
        Assert.Contains("not in this engine", p.Message, StringComparison.Ordinal);
        Assert.Contains($"'{DepthAlgorithms.MidasAdaBins}'", p.Fix, StringComparison.Ordinal);
        Assert.Contains($"'{DepthAlgorithms.DepthAnythingV2Small}'", p.Fix, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(NotSupported))]
    public void Other_extension_values_are_accepted_when_no_depth_is_predicted(string value)
    {
        RunPreparation.Prepare(ThreeD(value, depthWarping: false), Context);
        RunPreparation.Prepare(ThreeD(value, mode: "2D"), Context);
    }

    [Fact]
    public void A_misspelt_value_is_refused_with_the_accepted_ones()
    {
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(ThreeD("depth-anything-v2-small", mode: "2D"), Context));
        var p = Assert.Single(e.Problems, x => x.Setting == "depth_algorithm");
        Assert.Contains("did you mean 'Depth-Anything-V2-Small'", p.Message, StringComparison.Ordinal);
        Assert.Contains("'Midas+AdaBins (old)'", p.Fix, StringComparison.Ordinal);
    }
}
