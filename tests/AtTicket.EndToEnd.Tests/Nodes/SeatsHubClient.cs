using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>"SeatsChanged" as API.md describes it: changes FromSequence to Sequence folded into one; statuses are the camelCase strings.</summary>
internal sealed record SeatsChangedMessage(int PerformanceId, long FromSequence, long Sequence, IReadOnlyList<SeatStatusMessage> Seats, IReadOnlyList<GradeRemainingMessage> Grades)
{
    public string? StatusOf(int seatId) => Seats.FirstOrDefault(s => s.Id == seatId)?.Status;

    public int? RemainingOf(int gradeId) => Grades.FirstOrDefault(g => g.GradeId == gradeId)?.Remaining;

    public override string ToString() =>
        $"#{FromSequence}-{Sequence} of performance {PerformanceId}: seats [{string.Join(", ", Seats.Select(s => $"{s.Id} {s.Status}"))}], " +
        $"remaining [{string.Join(", ", Grades.Select(g => $"grade {g.GradeId}: {g.Remaining}"))}]";
}

internal sealed record SeatStatusMessage(int Id, string Status);

internal sealed record GradeRemainingMessage(int GradeId, int Remaining);

/// <summary>A message as it arrived, with the <see cref="Stopwatch"/> timestamp of its arrival.</summary>
internal sealed record ReceivedChange(SeatsChangedMessage Message, long ReceivedAt);

/// <summary>
/// A non-Blazor client of one node's /hubs/seats over WebSockets, as a partner app would be: it keeps
/// every "SeatsChanged" it receives, in arrival order and timestamped, and counts "Resync" messages.
/// </summary>
internal sealed class SeatsHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<ReceivedChange> _changes = [];
    private int _resyncs;
    private Exception? _closedBy;
    private bool _closed;

    private SeatsHubClient(string baseUrl)
    {
        BaseUrl = baseUrl;
        _connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/seats", HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
            .AddJsonProtocol(options => options.PayloadSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web))
            .Build();
        _connection.On<SeatsChangedMessage>("SeatsChanged", message =>
        {
            var at = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                _changes.Add(new ReceivedChange(message, at));
            }
        });
        _connection.On("Resync", () => Interlocked.Increment(ref _resyncs));
        _connection.Closed += exception =>
        {
            lock (_lock)
            {
                _closed = true;
                _closedBy = exception;
            }

            return Task.CompletedTask;
        };
    }

    public string BaseUrl { get; }

    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>Why the connection closed, or null while it is open.</summary>
    public string? ClosedReason
    {
        get
        {
            lock (_lock)
            {
                return _closed ? _closedBy?.Message ?? "closed without an error" : null;
            }
        }
    }

    public IReadOnlyList<ReceivedChange> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public static async Task<SeatsHubClient> ConnectAsync(string baseUrl, int performanceId)
    {
        var client = new SeatsHubClient(baseUrl);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client._connection.StartAsync(timeout.Token);
            await client._connection.InvokeAsync("Subscribe", performanceId, timeout.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the first message received after <paramref name="skip"/> others that matches; fails with <paramref name="what"/> and what did arrive.</summary>
    public async Task<SeatsChangedMessage> WaitForAsync(Func<SeatsChangedMessage, bool> match, TimeSpan timeout, string what, int skip = 0)
    {
        SeatsChangedMessage? found = null;
        await WaitUntilAsync(
            () => (found = Changes.Skip(skip).Select(c => c.Message).FirstOrDefault(match)) is not null,
            timeout,
            () => what);
        return found!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the description, the messages received and the connection's state.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                var received = Changes;
                Assert.Fail(
                    $"Within {timeout.TotalSeconds:0.#} s, the hub client of {BaseUrl} did not see: {what()}.\n" +
                    $"connection: {_connection.State}{(ClosedReason is { } reason ? $" (closed: {reason})" : null)}; Resync messages: {Resyncs}; " +
                    $"{received.Count} SeatsChanged, the last ones:\n  " +
                    string.Join("\n  ", received.TakeLast(5).Select(c => c.Message.ToString())));
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

/// <summary>
/// What a hub client shows, kept as API.md tells clients to: a snapshot from GET
/// /api/performances/{id}/seats, then each change applied in sequence order (one that arrives early
/// waits for those before it; older ones than the snapshot are ignored).
/// </summary>
internal sealed class SeatBoard
{
    private readonly SortedDictionary<long, SeatsChangedMessage> _waiting = [];
    private Dictionary<int, string> _statuses = [];

    public long Sequence { get; private set; }

    public IReadOnlyDictionary<int, string> Statuses => _statuses;

    /// <summary>Changes that arrived but wait for an earlier one.</summary>
    public int Waiting => _waiting.Count;

    public void Load(SeatsSnapshot snapshot)
    {
        _statuses = snapshot.Seats.ToDictionary(s => s.Id, s => s.Status);
        Sequence = snapshot.Sequence;
        foreach (var stale in _waiting.Where(w => w.Value.Sequence <= Sequence).Select(w => w.Key).ToList())
        {
            _waiting.Remove(stale);
        }

        Drain();
    }

    public void Apply(SeatsChangedMessage change)
    {
        if (change.Sequence > Sequence)
        {
            _waiting[change.FromSequence] = change;
            Drain();
        }
    }

    /// <summary>The seats whose status here differs from <paramref name="snapshot"/>, as "id: here ≠ there".</summary>
    public IReadOnlyList<string> DifferencesFrom(SeatsSnapshot snapshot) =>
    [
        .. snapshot.Seats
            .Where(s => _statuses.GetValueOrDefault(s.Id) != s.Status)
            .Select(s => $"seat {s.Id}: {_statuses.GetValueOrDefault(s.Id) ?? "missing"} here, {s.Status} on the server"),
    ];

    private void Drain()
    {
        // The next message starts at or before the number after the last applied; a folded one may
        // overlap what a snapshot already had, and its seats' statuses are never older than it.
        while (_waiting.FirstOrDefault() is { Value: { } next } first && first.Key <= Sequence + 1)
        {
            _waiting.Remove(first.Key);
            if (next.Sequence <= Sequence)
            {
                continue;
            }

            foreach (var seat in next.Seats)
            {
                _statuses[seat.Id] = seat.Status;
            }

            Sequence = next.Sequence;
        }
    }
}
