using Deforum.Settings;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Deforum.Tests.Settings;

public class SettingsFilePropertyTests
{
    static readonly Gen<string> JsonishGen =
        Gen.ArrayOf(Gen.Elements("{", "}", "[", "]", ":", ",", "\"W\"", "\"sampler\"", "\"prompts\"", "\"animation_mode\"", "\"2D\"",
                "\"0\"", "\"x\"", "null", "true", "1", "-1", "1.5", " ", "\"diffusion_cadence\"", "\"zoom\"", "\"0:(1,2)\""))
            .Select(parts => string.Concat(parts));

    [Fact]
    public void Random_json_fails_only_with_the_projects_validation_exception() =>
        Prop.ForAll(JsonishGen.ToArbitrary(), text =>
        {
            try
            {
                SettingsFile.Read(text);
            }
            catch (SettingsException e)
            {
                return e.Problems.Count > 0 && e.Problems.All(p => p.Fix.Length > 0);
            }
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Null_for_a_text_setting_is_a_problem()
    {
        var e = Assert.Throws<SettingsException>(() => SettingsFile.Read("""{"sampler": null}"""));
        Assert.Equal("sampler", e.Problems[0].Setting);
        Assert.Contains("\"sampler\": \"klms\"", e.Problems[0].Fix);
    }

    [Fact]
    public void Duplicate_keys_are_a_problem()
    {
        // Python's json keeps the last duplicate silently; here it is reported, also inside "prompts".
        var e = Assert.Throws<SettingsException>(() => SettingsFile.Read("""{"W": 512, "W": 640}"""));
        Assert.Contains("W", e.Problems[0].Message);
        var nested = Assert.Throws<SettingsException>(() => SettingsFile.Read("""{"animation_mode": "2D", "prompts": {"0": "a", "0": "b"}}"""));
        Assert.Contains("fix the JSON syntax", nested.Problems[0].Fix);
    }
}
