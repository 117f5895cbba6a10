using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtTicket.LoadBench.Circuits;

/// <summary>
/// One open Blazor Server circuit on a page, opened the way blazor.web.js opens it: the page is
/// fetched (prerendered, with the server component markers and the persisted state), a WebSocket to
/// /_blazor speaks "blazorpack", StartCircuit, then UpdateRootComponents with the page's markers.
/// The node then runs the page's components for this circuit exactly as for a browser. Every render
/// batch is acknowledged at once (as a browser does after applying it to the DOM); every JS call the
/// components make is answered as a successful call (a module import with a fresh object reference,
/// anything else with no value), so the components live on as they would in a browser.
/// </summary>
public sealed partial class SeatMapCircuit : IAsyncDisposable
{
    private const int JSObjectReferenceResult = 1; // Microsoft.JSInterop.JSCallResultType.JSObjectReference

    private static long s_nextJSObjectId;

    private readonly HubConnection _connection;
    private string? _secret;
    private readonly byte[] _readyMarker;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RenderWatch? _watch;
    private long _batches;
    private long _bytes;

    private SeatMapCircuit(HubConnection connection, string readyMarker)
    {
        _connection = connection;
        _readyMarker = Encoding.UTF8.GetBytes(readyMarker);
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        _connection.On<string>("JS.Error", error =>
        {
            Error = error;
            _ready.TrySetException(new InvalidOperationException($"The circuit reported an error: {error}"));
        });
        _connection.Closed += exception =>
        {
            _ready.TrySetException(new InvalidOperationException("The circuit's connection closed.", exception));
            return Task.CompletedTask;
        };
    }

    /// <summary>The last error the node sent this circuit ("JS.Error"), if any.</summary>
    public string? Error { get; private set; }

    public bool Connected => _connection.State == HubConnectionState.Connected && Error is null;

    public long Batches => Interlocked.Read(ref _batches);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Opens a circuit on <paramref name="path"/> of <paramref name="nodeUrl"/> and waits until its
    /// first interactive render contains <paramref name="readyMarker"/> (text of the page's content).
    /// </summary>
    public static async Task<SeatMapCircuit> OpenAsync(HttpClient pages, string nodeUrl, string path, string readyMarker, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var html = await pages.GetStringAsync(nodeUrl + path, cancel.Token);
        var markers = ServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server components.");
        }

        var state = StateMarker().Match(html) is { Success: true } m ? m.Groups["state"].Value : string.Empty;
        var builder = new HubConnectionBuilder()
            .WithUrl(nodeUrl + "/_blazor", HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Headers["Accept-Language"] = "en";
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var circuit = new SeatMapCircuit(builder.Build(), readyMarker);
        try
        {
            await circuit._connection.StartAsync(cancel.Token);
            circuit._secret = await circuit._connection.InvokeAsync<string?>("StartCircuit", nodeUrl + "/", nodeUrl + path, "[]", state, cancel.Token);
            if (string.IsNullOrEmpty(circuit._secret))
            {
                throw new InvalidOperationException($"The node refused to start a circuit{(circuit.Error is null ? null : ": " + circuit.Error)}.");
            }

            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker })]),
            };
            await circuit._connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, cancel.Token);
            await circuit._ready.Task.WaitAsync(cancel.Token);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Completes with the arrival time (<see cref="Stopwatch"/> ticks) of the first render batch from now
    /// on that has <paramref name="text"/> followed, within the same string, by <paramref name="then"/>.
    /// One watch at a time.
    /// </summary>
    public Task<long> WatchAsync(string text, string then)
    {
        var watch = new RenderWatch(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetBytes(then));
        Volatile.Write(ref _watch, watch);
        return watch.Seen.Task;
    }

    public void StopWatching() => Volatile.Write(ref _watch, null);

    /// <summary>Leaves the page as a browser does: the disconnect beacon ends the circuit at once (without it the node keeps it for a reconnect), then the socket closes.</summary>
    public async Task CloseAsync(HttpClient pages, string nodeUrl)
    {
        if (_secret is { } secret)
        {
            using var form = new MultipartFormDataContent { { new StringContent(secret), "circuitId" } };
            try
            {
                using var response = await pages.PostAsync(nodeUrl + "/_blazor/disconnect", form);
            }
            catch (HttpRequestException)
            {
                // The node is gone or busy; closing the socket below still ends the circuit in time.
            }
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _bytes, batch.Length);
        if (Volatile.Read(ref _watch) is { } watch && watch.Matches(batch))
        {
            Interlocked.CompareExchange(ref _watch, null, watch);
            watch.Seen.TrySetResult(at);
        }

        if (!_ready.Task.IsCompleted && batch.AsSpan().IndexOf(_readyMarker) >= 0)
        {
            _ready.TrySetResult();
        }

        await _connection.SendAsync("OnRenderCompleted", batchId, null);
    }

    /// <summary>JS.BeginInvokeJS(asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType): answered as a success.</summary>
    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var handle = (long)args[0]!;
        if (handle == 0)
        {
            return; // fire and forget
        }

        object? result = (int)args[3]! == JSObjectReferenceResult ? new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref s_nextJSObjectId) } : null;
        await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, JsonSerializer.Serialize(new object?[] { handle, true, result }));
    }

    /// <summary>The page's server component markers (&lt;!--Blazor:{...}--&gt; with a descriptor), in their sequence.</summary>
    private static List<JsonObject> ServerMarkers(string html) =>
        [.. Marker().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups["json"].Value)!.AsObject())
            .Where(o => o["type"]?.GetValue<string>() == "server" && o["descriptor"] is not null)
            .OrderBy(o => o["sequence"]!.GetValue<int>())];

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)-->")]
    private static partial Regex StateMarker();

    private sealed class RenderWatch(byte[] text, byte[] then)
    {
        /// <summary>How far after the text the rest may come: the rest of a seat's label (grade, price), not into the next string.</summary>
        private const int Slack = 40;

        public TaskCompletionSource<long> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(ReadOnlySpan<byte> batch)
        {
            while (batch.IndexOf(text) is var at && at >= 0)
            {
                var rest = batch[(at + text.Length)..];
                if (rest[..Math.Min(Slack + then.Length, rest.Length)].IndexOf(then) >= 0)
                {
                    return true;
                }

                batch = rest;
            }

            return false;
        }
    }
}
