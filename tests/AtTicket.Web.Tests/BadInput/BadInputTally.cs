using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AtTicket.Web.Tests.BadInput;

/// <summary>
/// Counts every request the suite sends by status, and keeps what broke the contract: any 5xx, and any 4xx
/// that is not an RFC 9457 problem (application/problem+json with title, status, and a detail or errors)
/// or whose title names an exception type.
/// </summary>
public sealed partial class BadInputTally
{
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _unnamed = new();
    private readonly ConcurrentQueue<string> _accepted = new();

    public int Requests => _byStatus.Values.Sum();

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>400s for a bad body property or parameter whose problem names neither it nor its path.</summary>
    public IReadOnlyList<string> Unnamed => [.. _unnamed];

    public int InClass(int hundreds) => _byStatus.Where(s => s.Key / 100 == hundreds).Sum(s => s.Value);

    /// <summary>Records the answer to <paramref name="what"/>; <paramref name="field"/> is the body property or parameter that was made bad, if any.</summary>
    public async Task CheckAsync(string what, HttpResponseMessage response, string? field = null)
    {
        var status = (int)response.StatusCode;
        _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (status >= 500)
        {
            _violations.Enqueue($"{what} -> {status}: {Shorten(body)}");
            return;
        }

        if (status < 400)
        {
            if (field is not null)
            {
                _accepted.Enqueue($"{what} -> {status}");
            }

            return;
        }

        var problem = ProblemError(status, response.Content.Headers.ContentType?.MediaType, body, field, out var named);
        if (problem is not null)
        {
            _violations.Enqueue($"{what} -> {status} {problem}: {Shorten(body)}");
        }
        else if (!named)
        {
            _unnamed.Enqueue($"{what} -> {status}: {Shorten(body)}");
        }
    }

    public string Summary() =>
        $"{Requests} requests: {InClass(2)} 2xx, {InClass(3)} 3xx, {InClass(4)} 4xx, {InClass(5)} 5xx; "
        + string.Join(", ", _byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))
        + $"; {_violations.Count} contract violations, {_unnamed.Count} 400s not naming the field";

    /// <summary>Writes the totals and every finding to <paramref name="fileName"/> beside the test assembly; returns the path.</summary>
    public string Write(string fileName)
    {
        var text = new StringBuilder().AppendLine(Summary());
        foreach (var violation in _violations)
        {
            text.AppendLine("VIOLATION " + violation);
        }

        foreach (var unnamed in _unnamed)
        {
            text.AppendLine("UNNAMED " + unnamed);
        }

        foreach (var accepted in _accepted)
        {
            text.AppendLine("ACCEPTED " + accepted);
        }

        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string? ProblemError(int status, string? mediaType, string body, string? field, out bool named)
    {
        named = true;
        if (mediaType != "application/problem+json")
        {
            return $"is '{mediaType}', not application/problem+json";
        }

        JsonElement problem;
        try
        {
            using var document = JsonDocument.Parse(body);
            problem = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "is not JSON";
        }

        var title = Text(problem, "title");
        var detail = Text(problem, "detail");
        var errors = problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object ? e : (JsonElement?)null;
        if (string.IsNullOrWhiteSpace(title))
        {
            return "has no title";
        }

        if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
        {
            return "has no matching status";
        }

        if (string.IsNullOrWhiteSpace(detail) && errors?.EnumerateObject().Any() != true)
        {
            return "has neither detail nor errors";
        }

        if (ExceptionName().IsMatch(title) || ExceptionName().IsMatch(detail ?? string.Empty))
        {
            return "names an exception type";
        }

        if (field is not null && (detail ?? string.Empty).Contains("'$'", StringComparison.Ordinal))
        {
            return "points at the whole body instead of the field";
        }

        if (field is not null && status == (int)HttpStatusCode.BadRequest)
        {
            named = (detail ?? string.Empty).Contains(field, StringComparison.OrdinalIgnoreCase)
                || errors?.EnumerateObject().Any(p => p.Name.Contains(field, StringComparison.OrdinalIgnoreCase)
                    || p.Value.ToString().Contains(field, StringComparison.OrdinalIgnoreCase)) == true
                || Humanized(field).Any(h => (detail ?? string.Empty).Contains(h, StringComparison.OrdinalIgnoreCase)
                    || errors?.ToString().Contains(h, StringComparison.OrdinalIgnoreCase) == true);
        }

        return null;
    }

    /// <summary>"salesEnd" also reads as "sales end" and "end of sales" in a sentence.</summary>
    private static IEnumerable<string> Humanized(string field)
    {
        var words = CamelWords().Split(field).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToArray();
        yield return string.Join(' ', words);
        if (words.Length == 2)
        {
            yield return $"{words[1]} of {words[0]}";
            yield return $"{words[0]}'s {words[1]}";
        }

        if (words.Length > 1 && words[^1] is "id" or "ids")
        {
            yield return string.Join(' ', words[..^1]);
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;

    [GeneratedRegex(@"\b[A-Z]\w*Exception\b|\bSystem\.\w|\bMicrosoft\.\w")]
    private static partial Regex ExceptionName();

    [GeneratedRegex("(?=[A-Z])")]
    private static partial Regex CamelWords();
}
