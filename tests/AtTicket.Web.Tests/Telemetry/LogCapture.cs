using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AtTicket.Web.Tests.Telemetry;

/// <summary>One log entry as a structured sink receives it: the rendered message, its named fields and its exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, string?> Fields, string? Exception)
{
    public string? Field(string name) => Fields.GetValueOrDefault(name);

    /// <summary>Everything a log sink would store of the entry, as one text to search.</summary>
    public string AllText => string.Join('\n', [Category, EventId.Name ?? string.Empty, Message, .. Fields.Select(f => $"{f.Key}={f.Value}"), Exception ?? string.Empty]);

    public override string ToString() => $"{Level} {Category} [{EventId.Name}] {Message} {{{string.Join(", ", Fields.Select(f => $"{f.Key}={f.Value}"))}}}";
}

/// <summary>A logger provider that keeps every entry of every category, added to a running app's logger factory.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => Convert.ToString(g.Last().Value, CultureInfo.InvariantCulture))
                : [];
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), fields, exception?.ToString()));
        }
    }
}
