using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Deforum.Models;
using Deforum.Models.Registry;
using Xunit;

namespace Deforum.Tests.Models.Registry;

/// <summary>Depth-network files: downloaded once and verified, truncated or wrong ones refused, offline explained.</summary>
public sealed partial class KnownModelFileTests : IDisposable
{
    readonly LocalFileServer _server = new();
    readonly string _models = Directory.CreateTempSubdirectory("deforum-depth-models-").FullName;
    static readonly byte[] Content = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHexSha256();

    KnownModelFile Served(string name = "depth.pth") =>
        new(name, Content.Length, Convert.ToHexStringLower(SHA256.HashData(Content)), _server.Serve(name, Content));

    ModelFolder Folder() => new(_models, new Downloader(new HttpClient()));

    [Fact]
    public async Task A_missing_file_is_downloaded_once_and_verified()
    {
        var known = Served();
        var path = await Folder().EnsureAsync(known);
        Assert.Equal(path, await Folder().EnsureAsync(known));
        Assert.Single(_server.Requests);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_truncated_file_is_refused_by_its_size_with_what_to_do()
    {
        var known = Served();
        await File.WriteAllBytesAsync(Path.Combine(_models, known.FileName), Content[..1000]);
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Folder().EnsureAsync(known));
        Assert.Contains($"has 1000 bytes but {known.FileName} has {Content.Length}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it to download it again", e.Message, StringComparison.Ordinal);
        Assert.Contains(known.DownloadUrl.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_damaged_file_of_the_right_size_is_refused_by_its_hash()
    {
        var known = Served();
        var damaged = (byte[])Content.Clone();
        damaged[100] ^= 1;
        await File.WriteAllBytesAsync(Path.Combine(_models, known.FileName), damaged);
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Folder().EnsureAsync(known));
        Assert.Contains($"should have {known.Sha256}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_without_the_file_names_the_file_the_url_and_the_folder()
    {
        var known = Served() with { DownloadUrl = new Uri(_server.BaseUrl, "missing/depth.pth") };
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => Folder().EnsureAsync(known));
        Assert.Contains($"the depth model {known.FileName} is missing: the download failed", e.Message, StringComparison.Ordinal);
        Assert.Contains($"expected at: {Path.Combine(_models, known.FileName)}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"download:    {known.DownloadUrl}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"sha256:      {known.Sha256}", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_models, known.FileName)));
    }

    [Fact]
    public void The_depth_files_are_well_formed()
    {
        var all = DepthModelFiles.All;
        Assert.Equal(all.Count, all.Select(f => f.FileName).Distinct().Count());
        Assert.All(all, f => Assert.Matches(LowerHexSha256(), f.Sha256));
        Assert.All(all, f => Assert.Equal("https", f.DownloadUrl.Scheme));
        Assert.All(all, f => Assert.EndsWith(f.FileName, f.DownloadUrl.AbsolutePath, StringComparison.Ordinal));
        Assert.All(all, f => Assert.True(f.Bytes > 0));
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_models, recursive: true);
    }
}
