using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Deforum.Tests.Models.Registry;

/// <summary>
/// An HTTP server on 127.0.0.1 serving in-memory files with Range support, able to drop connections mid-transfer
/// or answer a fixed status, so download tests never touch the internet.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    const int StartAttempts = 5;

    readonly HttpListener _listener;
    readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    readonly Task _loop;
    int _dropsLeft;

    public LocalFileServer()
    {
        // A free port can be taken by a parallel test between the probe and Start, so try a fresh one.
        for (var attempt = 1; ; attempt++)
        {
            BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
            _listener = new HttpListener();
            _listener.Prefixes.Add(BaseUrl.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < StartAttempts)
            {
                _listener.Close();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>The Range header of every request received (null when absent), in order.</summary>
    public ConcurrentQueue<string?> Requests { get; } = new();

    /// <summary>When set, the next <see cref="DropCount"/> responses close the connection after this many body bytes.</summary>
    public int DropAfterBytes { get; set; }

    public int DropCount { set => _dropsLeft = value; }

    /// <summary>When set, every request is answered with this status and no body.</summary>
    public HttpStatusCode? FixedStatus { get; set; }

    public Uri Serve(string name, byte[] content)
    {
        _files[name] = content;
        return new Uri(BaseUrl, name);
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { await RespondAsync(context); }
            catch (Exception e) when (e is HttpListenerException or IOException) { /* the client went away */ }
        }
    }

    async Task RespondAsync(HttpListenerContext context)
    {
        var range = context.Request.Headers["Range"];
        Requests.Enqueue(range);
        var response = context.Response;
        if (FixedStatus is { } status || !_files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out var content))
        {
            response.StatusCode = (int)(FixedStatus ?? HttpStatusCode.NotFound);
            response.Close();
            return;
        }

        long start = range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) ? long.Parse(range[6..].TrimEnd('-')) : 0;
        if (start >= content.Length)
        {
            response.StatusCode = (int)HttpStatusCode.RequestedRangeNotSatisfiable;
            response.Close();
            return;
        }
        if (start > 0)
        {
            response.StatusCode = (int)HttpStatusCode.PartialContent;
            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        response.ContentLength64 = content.Length - start;
        var body = content.AsMemory((int)start);
        if (Interlocked.Decrement(ref _dropsLeft) >= 0)
        {
            await response.OutputStream.WriteAsync(body[..DropAfterBytes]);
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public void Dispose()
    {
        // Close alone: on Linux, Close after Stop binds the port again to unregister it, which throws when
        // another test's server has taken that port meanwhile.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
