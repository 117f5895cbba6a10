using System.Net.Sockets;
using System.Text;

namespace AtTicket.Web.Tests.Http;

/// <summary>An HTTP/1.1 answer read off a socket: what Kestrel itself sent, byte for byte.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// Sends bytes no HttpClient would send (bad header bytes, a 10 kB request line, broken chunks) over a
/// plain TCP connection and reads the answer until the server closes it.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        using var received = new MemoryStream();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            // Every request sent here ends the connection (a rejection, or Connection: close).
            await stream.CopyToAsync(received, patience.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (the server closed with our unsent bytes pending) still leaves the answer.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The server kept the connection open; received so far: {Encoding.Latin1.GetString(received.ToArray())}");
        }

        return Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    public static Task<RawResponse> SendAsync(Uri server, string request, CancellationToken cancellationToken) =>
        SendAsync(server, Encoding.Latin1.GetBytes(request), cancellationToken);

    private static RawResponse Parse(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"No HTTP answer: '{raw}'");
        var lines = raw[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())));
        var body = raw[(end + 4)..];
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return new RawResponse(status, headers, body);
    }

    private static string Unchunk(string chunked)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
