using System.Net;
using System.Security.Cryptography;
using Deforum.Models.Registry;
using Xunit;

namespace Deforum.Tests.Models.Registry;

public sealed class DownloaderTests : IDisposable
{
    const int MiB = 1 << 20;

    readonly LocalFileServer _server = new();
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-download-").FullName;
    readonly byte[] _content = RandomNumberGenerator.GetBytes(3 * MiB + 123);
    readonly Downloader _downloader = new(new HttpClient());

    string Sha => Convert.ToHexStringLower(SHA256.HashData(_content));

    string Target => Path.Combine(_dir, "model.ckpt");

    [Fact]
    public async Task Downloads_verifies_and_reports_progress()
    {
        var url = _server.Serve("model.ckpt", _content);
        var reports = new List<DownloadProgress>();

        await _downloader.DownloadAsync(url, Target, Sha, new SyncProgress(reports.Add));

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
        Assert.False(File.Exists(Target + Downloader.PartSuffix));
        Assert.Equal(new DownloadProgress("model.ckpt", _content.Length, _content.Length), reports[^1]);
        Assert.True(reports.Select(r => r.BytesReceived).SequenceEqual(reports.Select(r => r.BytesReceived).Order()));
    }

    [Fact]
    public async Task An_interrupted_transfer_resumes_where_it_stopped()
    {
        var url = _server.Serve("model.ckpt", _content);
        _server.DropAfterBytes = MiB;
        _server.DropCount = 1;

        await _downloader.DownloadAsync(url, Target, Sha);

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
        Assert.Equal(new[] { null, $"bytes={MiB}-" }, _server.Requests.ToList());
    }

    [Fact]
    public async Task A_part_file_from_an_earlier_run_is_continued()
    {
        var url = _server.Serve("model.ckpt", _content);
        await File.WriteAllBytesAsync(Target + Downloader.PartSuffix, _content[..(2 * MiB)]);

        await _downloader.DownloadAsync(url, Target, Sha);

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
        Assert.Equal(new string?[] { $"bytes={2 * MiB}-" }, _server.Requests.ToList());
    }

    [Fact]
    public async Task A_wrong_hash_fails_and_leaves_no_file()
    {
        var url = _server.Serve("model.ckpt", _content);
        var wrong = new string('0', 64);

        var e = await Assert.ThrowsAsync<DownloadException>(() => _downloader.DownloadAsync(url, Target, wrong));

        Assert.Contains($"has SHA-256 {Sha}, expected {wrong}", e.Message);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + Downloader.PartSuffix));
    }

    [Fact]
    public async Task Repeated_interruptions_keep_the_part_for_a_later_run()
    {
        var url = _server.Serve("model.ckpt", _content);
        _server.DropAfterBytes = 1000;
        _server.DropCount = 100;

        var e = await Assert.ThrowsAsync<DownloadException>(() => _downloader.DownloadAsync(url, Target, Sha));

        Assert.Contains("4000 bytes kept", e.Message);
        Assert.Contains("the next download continues from there", e.Message);
        Assert.False(File.Exists(Target));
        Assert.Equal(_content[..4000], await File.ReadAllBytesAsync(Target + Downloader.PartSuffix));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "needs a Hugging Face login")]
    [InlineData(HttpStatusCode.NotFound, "was not found (HTTP 404)")]
    [InlineData(HttpStatusCode.InternalServerError, "answered HTTP 500")]
    public async Task Http_errors_are_explained(HttpStatusCode status, string expected)
    {
        var url = _server.Serve("model.ckpt", _content);
        _server.FixedStatus = status;

        var e = await Assert.ThrowsAsync<DownloadException>(() => _downloader.DownloadAsync(url, Target, Sha));

        Assert.Contains(expected, e.Message);
        Assert.False(File.Exists(Target));
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts asynchronously).</summary>
internal sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value) => report(value);
}
