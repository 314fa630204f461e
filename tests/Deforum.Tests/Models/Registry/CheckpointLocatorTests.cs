using System.Text.RegularExpressions;
using Deforum.Models;
using Deforum.Models.Clip;
using Deforum.Models.Registry;
using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Models.Registry;

public sealed partial class CheckpointLocatorTests : IDisposable
{
    readonly LocalFileServer _server = new();
    readonly string _models = Directory.CreateTempSubdirectory("deforum-models-").FullName;

    static string Name => TinyModel.SafetensorsFileName;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHexSha256();

    /// <summary>A registry that knows the tiny golden checkpoint under its manifest hash, downloadable from 127.0.0.1.</summary>
    (CheckpointLocator Locator, KnownCheckpoint Entry) TinyRegistry()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var url = _server.Serve(Name, File.ReadAllBytes(TinyModel.SafetensorsPath));
        var entry = new KnownCheckpoint(Name, TinyModel.Sha256, Path.GetFileName(TinyModel.ConfigPath), url.ToString(), false);
        var folder = new ModelFolder(_models, new Downloader(new HttpClient()));
        return (new CheckpointLocator(new ModelRegistry([entry]), folder), entry);
    }

    [SkippableFact]
    public async Task A_missing_known_checkpoint_is_downloaded_once_and_verified()
    {
        var (locator, _) = TinyRegistry();
        var choice = new CheckpointChoice(_models, Name);

        var first = await locator.LocateAsync(choice);
        var second = await locator.LocateAsync(choice);

        Assert.Equal(Path.Combine(_models, Name), first);
        Assert.Equal(first, second);
        Assert.Single(_server.Requests);
        Assert.Equal(await File.ReadAllBytesAsync(TinyModel.SafetensorsPath), await File.ReadAllBytesAsync(first));
    }

    [SkippableFact]
    public async Task A_present_checkpoint_with_the_wrong_hash_is_not_loaded()
    {
        var (locator, entry) = TinyRegistry();
        var path = Path.Combine(_models, Name);
        await File.WriteAllBytesAsync(path, (await File.ReadAllBytesAsync(TinyModel.SafetensorsPath))[..1000]);

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => locator.LocateAsync(new CheckpointChoice(_models, Name)));

        Assert.Contains($"should have {entry.Sha256}", e.Message);
        Assert.True(File.Exists(path), "the user's file is left alone");
        Assert.Empty(_server.Requests);
    }

    [SkippableFact]
    public async Task Check_sha256_off_accepts_the_file_as_it_is()
    {
        var (locator, _) = TinyRegistry();
        var path = Path.Combine(_models, Name);
        await File.WriteAllTextAsync(path, "not the real file");

        Assert.Equal(path, await locator.LocateAsync(new CheckpointChoice(_models, Name, CheckSha256: false)));
    }

    [SkippableFact]
    public async Task An_unknown_name_lists_the_known_ones()
    {
        var (locator, _) = TinyRegistry();

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => locator.LocateAsync(new CheckpointChoice(_models, "sd-v9.ckpt")));

        Assert.Contains("unknown model checkpoint 'sd-v9.ckpt'", e.Message);
        Assert.Contains($"Known checkpoints: {Name}", e.Message);
    }

    [Fact]
    public void The_default_registry_names_every_known_checkpoint_in_the_error()
    {
        var e = ModelRegistry.Default.UnknownName("x.ckpt", "/models");
        foreach (var c in ModelRegistry.Default.Checkpoints) Assert.Contains(c.FileName, e.Message);
    }

    [SkippableFact]
    public async Task An_unlisted_file_in_models_path_and_a_custom_path_load_unchecked()
    {
        var (locator, _) = TinyRegistry();
        var unlisted = Path.Combine(_models, "my-merge.safetensors");
        await File.WriteAllTextAsync(unlisted, "x");

        Assert.Equal(unlisted, await locator.LocateAsync(new CheckpointChoice(_models, "my-merge.safetensors")));
        Assert.Equal(unlisted, await locator.LocateAsync(new CheckpointChoice(_models, CheckpointChoice.Custom, unlisted)));
        var e = await Assert.ThrowsAsync<ModelLoadException>(() =>
            locator.LocateAsync(new CheckpointChoice(_models, CheckpointChoice.Custom, Path.Combine(_models, "gone.ckpt"))));
        Assert.Contains("custom_checkpoint_path", e.Message);
        Assert.Contains("point it (or --checkpoint) at your .ckpt or .safetensors file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_registry_is_well_formed()
    {
        var all = ModelRegistry.Default.Checkpoints;
        Assert.Equal(all.Count, all.Select(c => c.FileName).Distinct().Count());
        Assert.All(all, c => Assert.Matches(LowerHexSha256(), c.Sha256));
        Assert.All(all, c => Assert.Equal("https", c.DownloadUrl!.Scheme));
        Assert.Equal("model-epoch05-float16.ckpt", ModelRegistry.Default.Find("waifu-diffusion-v1-3.ckpt")!.FileName);
        Assert.Equal("v2-inference-v.yaml", ModelRegistry.Default.Find("768-v-ema.ckpt")!.DefaultConfig);
    }

    [SkippableFact]
    public async Task The_clip_vocabulary_is_taken_from_models_path_or_downloaded_once()
    {
        var golden = TinyModel.VocabPath;
        Golden.RequireData(File.Exists(golden), "CLIP vocabulary missing");
        var url = _server.Serve(ClipVocabulary.FileName, await File.ReadAllBytesAsync(golden));
        var folder = new ModelFolder(_models, new Downloader(new HttpClient()));

        var downloaded = await ClipVocabularyDownload.LocateAsync(folder, downloadUrl: url);
        var again = await ClipVocabularyDownload.LocateAsync(folder, downloadUrl: url);

        Assert.Equal(Path.Combine(_models, ClipVocabulary.FileName), downloaded);
        Assert.Equal(downloaded, again);
        Assert.Single(_server.Requests);
    }

    /// <summary>A port nothing listens on: every connection is refused at once, as offline.</summary>
    static readonly Uri Offline = new("http://127.0.0.1:9/file");

    static void AssertSaysWhatIsMissingAndHowToGetIt(ModelLoadException e, ModelFile file, string expectedPath)
    {
        Assert.Contains($"the {file.What} {file.FileName} is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains($"expected at: {expectedPath}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"download:    {file.DownloadUrl}", e.Message, StringComparison.Ordinal);
        if (file.Sha256 is not null) Assert.Contains($"sha256:      {file.Sha256}", e.Message, StringComparison.Ordinal);
        Assert.Contains("fix: run again when", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkpoint", "sd-v1-4.ckpt", "fe4efff1e174c627256e44ec2991ba279b3816e364b49f9be2abc0b3ff3f8556")]
    [InlineData("CLIP vocabulary", ClipVocabulary.FileName, ClipVocabulary.Sha256)]
    [InlineData("depth model", "dpt_large-midas-2f21e586.pt", null)]
    public async Task Offline_a_missing_file_says_what_it_is_where_it_goes_its_url_and_sha256(string what, string name, string? sha256)
    {
        var file = new ModelFile(name, what, sha256, Offline);
        var folder = new ModelFolder(_models, new Downloader(new HttpClient()));

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(file));

        AssertSaysWhatIsMissingAndHowToGetIt(e, file, Path.Combine(_models, name));
        Assert.DoesNotContain(Downloader.PartSuffix, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_models));
    }

    [SkippableFact]
    public async Task A_download_cut_half_way_keeps_its_part_for_the_next_try_and_names_the_checkpoint()
    {
        var (_, entry) = TinyRegistry();
        _server.DropAfterBytes = 1000;
        _server.DropCount = 100;
        var file = new ModelFile(entry.FileName, "checkpoint", entry.Sha256, entry.DownloadUrl);
        var folder = new ModelFolder(_models, new Downloader(new HttpClient()));

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(file));

        var target = Path.Combine(_models, Name);
        AssertSaysWhatIsMissingAndHowToGetIt(e, file, target);
        Assert.Contains("4000 bytes of it are already downloaded", e.Message, StringComparison.Ordinal);
        Assert.Contains("running again continues from there", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.Equal(4000, new FileInfo(target + Downloader.PartSuffix).Length);

        _server.DropCount = 0;
        Assert.Equal(target, await folder.EnsureAsync(file));
        Assert.Equal(await File.ReadAllBytesAsync(TinyModel.SafetensorsPath), await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task A_missing_file_without_a_download_location_says_where_to_put_it()
    {
        var folder = new ModelFolder(_models, new Downloader(new HttpClient()));

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => folder.EnsureAsync(new ModelFile("AdaBins_nyu.pt", "depth model", null, null)));

        Assert.Contains("the depth model AdaBins_nyu.pt is missing: it has no known download location", e.Message, StringComparison.Ordinal);
        Assert.Contains($"expected at: {Path.Combine(_models, "AdaBins_nyu.pt")}", e.Message, StringComparison.Ordinal);
        Assert.Contains("fix: put the file at that place", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_models, recursive: true);
    }
}
