using System.Net;
using System.Text.RegularExpressions;
using Deforum.Models;
using Deforum.Models.Registry;
using Deforum.Testing;
using Deforum.Tests.Models.Depth;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models.Registry;

/// <summary>
/// Depth-model files in models_path (complaints 5 and 6: cut-off downloads that broke 3D, fetching at load time):
/// the tiny MiDaS checkpoint stands in for dpt_large-midas-2f21e586.pt, with its size and hash from the manifest.
/// </summary>
public sealed partial class KnownModelFileTests : IDisposable
{
    readonly LocalFileServer _server = new();
    readonly string _models = Directory.CreateTempSubdirectory("deforum-depth-models-").FullName;

    (KnownModelFile Known, byte[] Content, ModelFolder Folder) Tiny(Uri? url = null)
    {
        var path = DepthGoldenModels.CheckpointFile("midas_tiny");
        Golden.RequireData(File.Exists(path), $"{path} missing");
        var entry = DepthGoldenModels.Entry("midas_tiny").GetProperty("files").GetProperty("pth");
        var content = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        var known = new KnownModelFile(name, entry.GetProperty("bytes").GetInt64(), entry.GetProperty("sha256").GetString()!,
            url ?? _server.Serve(name, content));
        return (known, content, new ModelFolder(_models, new Downloader(new HttpClient())));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHexSha256();

    string Local(KnownModelFile known) => Path.Combine(_models, known.FileName);

    [SkippableFact]
    public async Task A_missing_file_is_downloaded_once_verified_and_loads()
    {
        var (known, content, folder) = Tiny();

        var path = await folder.EnsureAsync(known);
        await folder.EnsureAsync(known);

        Assert.Single(_server.Requests);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        using var tensors = known.Load(path, Device.Cpu);
        Assert.NotEmpty(tensors);
    }

    [SkippableFact]
    public async Task A_cut_off_file_is_resumed_from_where_it_stops()
    {
        var (known, content, folder) = Tiny();
        await File.WriteAllBytesAsync(Local(known), content[..(content.Length / 3)]);

        var path = await folder.EnsureAsync(known);

        Assert.Equal([$"bytes={content.Length / 3}-"], _server.Requests);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [SkippableFact]
    public async Task A_longer_file_is_refused_and_left_alone()
    {
        var (known, content, folder) = Tiny();
        await File.WriteAllBytesAsync(Local(known), [.. content, 0]);

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(known));

        Assert.Contains($"has {content.Length + 1} bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains(known.DownloadUrl.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(content.Length + 1, new FileInfo(Local(known)).Length);
        Assert.Empty(_server.Requests);
    }

    [SkippableFact]
    public async Task A_damaged_file_of_the_right_size_is_refused_when_it_loads()
    {
        var (known, content, folder) = Tiny();
        var damaged = content.ToArray();
        damaged[damaged.Length / 2] ^= 0xFF; // inside a tensor's data: the archive still parses
        await File.WriteAllBytesAsync(Local(known), damaged);

        var path = await folder.EnsureAsync(known);
        var e = Assert.Throws<ModelLoadException>(() => known.Load(path, Device.Cpu));

        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains($"not {known.Sha256}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Offline_without_the_file_one_message_names_it_its_url_and_where_it_goes()
    {
        var (known, _, folder) = Tiny(new Uri("http://127.0.0.1:1/dpt_large-midas-2f21e586.pt"));

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(known));

        Assert.Contains($"the depth model {known.FileName} is missing: the download failed", e.Message, StringComparison.Ordinal);
        Assert.Contains($"expected at: {Local(known)}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"download:    {known.DownloadUrl}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"sha256:      {known.Sha256}", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Local(known)));
    }

    [SkippableFact]
    public async Task A_server_sending_another_file_is_caught_by_the_hash()
    {
        var (known, content, folder) = Tiny();
        var other = content.ToArray();
        other[^10] ^= 1;
        _server.Serve(known.FileName, other);

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(known));

        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Local(known)), "nothing unverified appears under the final name");
    }

    [SkippableFact]
    public async Task A_server_error_is_reported_with_the_way_out()
    {
        var (known, _, folder) = Tiny();
        _server.FixedStatus = HttpStatusCode.ServiceUnavailable;

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(known));

        Assert.Contains("503", e.Message, StringComparison.Ordinal);
        Assert.Contains($"expected at: {Local(known)}", e.Message, StringComparison.Ordinal);
        Assert.Contains("fix: run again when", e.Message, StringComparison.Ordinal);
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
