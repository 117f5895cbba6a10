using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>The part of a "SeatsChanged" message every subscriber reads: the numbers it covers (one message may fold several changes), and when the oldest of them was published.</summary>
public sealed record SequenceOnly(long FromSequence, long Sequence, DateTimeOffset? PublishedAt);

/// <summary>A whole "SeatsChanged" message, read by one observer to tell which change each number was.</summary>
public sealed record SeatsChangedMessage(long FromSequence, long Sequence, DateTimeOffset? PublishedAt, IReadOnlyList<SeatStatusMessage> Seats);

public sealed record SeatStatusMessage(int Id, string Status);

/// <summary>
/// A SignalR client of /hubs/seats (WebSockets, as API.md describes it) subscribed to one
/// performance: it keeps each message's number and arrival time, and counts "Resync" messages.
/// </summary>
public sealed class HubSubscriber : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Payload = new(JsonSerializerDefaults.Web);

    private readonly HubConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<(long Sequence, long ReceivedAt, double? SincePublishedMs)> _received = [];
    private int _resyncs;

    private HubSubscriber(string baseUrl, bool observer)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/seats", HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Payload)
            .Build();
        if (observer)
        {
            _connection.On<SeatsChangedMessage>("SeatsChanged", m =>
            {
                Observed.Add(m);
                Record(m.FromSequence, m.Sequence, m.PublishedAt);
            });
        }
        else
        {
            _connection.On<SequenceOnly>("SeatsChanged", m => Record(m.FromSequence, m.Sequence, m.PublishedAt));
        }

        _connection.On("Resync", () => Interlocked.Increment(ref _resyncs));
    }

    /// <summary>The whole messages, for the observer only.</summary>
    public System.Collections.Concurrent.ConcurrentBag<SeatsChangedMessage> Observed { get; } = [];

    public int Resyncs => Volatile.Read(ref _resyncs);

    public bool Connected => _connection.State == HubConnectionState.Connected;

    public IReadOnlyList<(long Sequence, long ReceivedAt, double? SincePublishedMs)> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<HubSubscriber> ConnectAsync(string baseUrl, int performanceId, bool observer)
    {
        var subscriber = new HubSubscriber(baseUrl, observer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await subscriber._connection.StartAsync(timeout.Token);
        await subscriber._connection.InvokeAsync("Subscribe", performanceId, timeout.Token);
        return subscriber;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>Each change the message covers counts as received now, timed from the oldest one's publishing (the longest wait of them).</summary>
    private void Record(long fromSequence, long sequence, DateTimeOffset? publishedAt)
    {
        var at = Stopwatch.GetTimestamp();
        double? sincePublished = publishedAt is { } published ? (DateTimeOffset.UtcNow - published).TotalMilliseconds : null;
        lock (_lock)
        {
            for (var number = fromSequence; number <= sequence; number++)
            {
                _received.Add((number, at, sincePublished));
            }
        }
    }
}
