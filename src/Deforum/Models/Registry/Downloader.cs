using System.Net;
using System.Net.Http.Headers;

namespace Deforum.Models.Registry;

/// <summary>
/// Downloads one file to its final name atomically: bytes go to "name.part", an interrupted transfer resumes from
/// there with an HTTP Range request (automatically a few times, and again on the next call), the SHA-256 is checked
/// before the rename, and a file that fails the check is deleted, so a truncated or wrong file never appears under
/// the final name.
/// </summary>
public sealed class Downloader(HttpClient http)
{
    public const string PartSuffix = ".part";
    const int BufferBytes = 1 << 20;
    const int MaxAttempts = 4;

    /// <summary>
    /// Hugging Face access token for checkpoints marked <see cref="KnownCheckpoint.RequiresLogin"/>: sent as a bearer
    /// token with each request when set (HttpClient drops it on the redirect to the storage host).
    /// </summary>
    public string? BearerToken { get; init; }

    public async Task DownloadAsync(Uri url, string destination, string? expectedSha256,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var part = destination + PartSuffix;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(url, part, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < MaxAttempts)
            {
                // The .part file keeps what arrived; the next attempt asks only for the rest.
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                // a refused or unresolvable connection leaves no part file at all
                long kept = File.Exists(part) ? new FileInfo(part).Length : 0;
                throw new DownloadException(kept > 0
                    ? $"downloading {url} was interrupted {MaxAttempts} times ({kept} bytes kept in '{part}'); run again to resume from there"
                    : $"{url} could not be reached ({MaxAttempts} attempts)", e);
            }
        }

        if (expectedSha256 is not null)
        {
            var actual = await FileHash.Sha256Async(part, cancellationToken).ConfigureAwait(false);
            if (!FileHash.Matches(actual, expectedSha256))
            {
                File.Delete(part);
                throw new DownloadException(
                    $"'{Path.GetFileName(destination)}' downloaded from {url} has SHA-256 {actual}, expected {expectedSha256}; " +
                    "the download was deleted (the server sent a different or damaged file)");
            }
        }
        File.Move(part, destination, overwrite: true);
    }

    static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is IOException or HttpRequestException { StatusCode: null }
        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    async Task TransferAsync(Uri url, string part, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        if (BearerToken is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // A complete .part from an earlier run: nothing is left to fetch, the checksum decides.
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0) return;
        ThrowOnHttpError(url, response);

        bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (resumed && response.Content.Headers.ContentRange?.From != have)
            throw new DownloadException($"{url}: the server answered the resume request at byte {have} with range {response.Content.Headers.ContentRange}");
        if (!resumed) have = 0; // the server ignored the Range header and sends everything again
        long? total = response.Content.Headers.ContentLength is { } length ? have + length : null;

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
        var name = Path.GetFileName(part[..^PartSuffix.Length]);
        var buffer = new byte[BufferBytes];
        progress?.Report(new DownloadProgress(name, have, total));
        int n;
        while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            have += n;
            progress?.Report(new DownloadProgress(name, have, total));
        }
        if (total is { } expected && have != expected)
            throw new IOException($"{url}: the connection closed after {have} of {expected} bytes");
    }

    static void ThrowOnHttpError(Uri url, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        int code = (int)response.StatusCode;
        throw new DownloadException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"{url} refused the download (HTTP {code}): this model needs a Hugging Face login — accept its license on the model page and set an access token",
            HttpStatusCode.NotFound => $"{url} was not found (HTTP 404)",
            _ => $"{url} answered HTTP {code} {response.ReasonPhrase}",
        });
    }
}
