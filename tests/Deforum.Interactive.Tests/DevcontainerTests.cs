using System.Text.Json;
using Deforum.Testing;
using Xunit;

namespace Deforum.Interactive.Tests;

/// <summary>What can be checked of the GPU devcontainer without a container registry: it parses and names only what exists.</summary>
public class DevcontainerTests
{
    static readonly string Folder = Path.Combine(RepoPaths.Root, ".devcontainer");

    [Fact]
    public void Devcontainer_parses_and_every_file_it_names_exists()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "devcontainer.json")));
        var root = json.RootElement;
        var build = root.GetProperty("build");
        Assert.True(File.Exists(Path.Combine(Folder, build.GetProperty("dockerfile").GetString()!)));
        Assert.True(Directory.Exists(Path.GetFullPath(Path.Combine(Folder, build.GetProperty("context").GetString()!))));
        var postCreate = root.GetProperty("postCreateCommand").GetString()!.Split(' ');
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, postCreate[^1])), $"postCreateCommand names {postCreate[^1]}");
        Assert.Contains("--gpus", root.GetProperty("runArgs").EnumerateArray().Select(a => a.GetString()));
        var extensions = root.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ms-dotnettools.csharp", extensions);
        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", extensions);
        Assert.Contains(root.GetProperty("mounts").EnumerateArray(), m => m.GetString()!.Contains("models", StringComparison.Ordinal));
    }

    [Fact]
    public void Post_create_script_uses_only_files_of_the_repository()
    {
        var script = File.ReadAllText(Path.Combine(Folder, "post-create.sh"));
        Assert.Contains("./environment/setup.sh", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "environment", "setup.sh")));
        Assert.Contains("Deforum.Interactive.sln", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "Deforum.Interactive.sln")));
    }
}
