using System.Text.Json;

namespace AtTicket.Web.Tests.BadInput;

/// <summary>A bad value and what it is, for the failure message: raw JSON for bodies, or text for a path, query or header.</summary>
public sealed record BadValue(string Label, string Raw);

/// <summary>The values a careless or hostile client sends, chosen by what the schema says a field holds.</summary>
public static class BadValues
{
    public const string Missing = "\u0001missing";

    private static readonly string Huge = new('x', 100_000);

    /// <summary>Values for a JSON body property; <see cref="Missing"/> means "leave the property out".</summary>
    public static IEnumerable<BadValue> ForJson(JsonElement schema, string? example)
    {
        yield return new("null", "null");
        yield return new("missing", Missing);
        yield return new("object", "{}");
        yield return new("boolean", "true");
        var kind = OpenApiOperations.KindOf(schema);
        if (kind != SchemaKind.Array)
        {
            yield return new("array", "[]");
        }

        var values = kind switch
        {
            SchemaKind.String => Strings(OpenApiOperations.FormatOf(schema)).Select(s => new BadValue(s.Label, Quote(s.Raw))).Append(new("number", "123")),
            SchemaKind.Integer => IntegerJson(OpenApiOperations.FormatOf(schema)),
            SchemaKind.Number => [new("string", "\"abc\""), new("huge", "1e308"), new("-huge", "-1e308"), new("overflow", "1e400"), new("negative", "-1"), new("NaN", "\"NaN\"")],
            SchemaKind.Boolean => [new("string", "\"yes\""), new("number", "1")],
            SchemaKind.Enum => [new("unknown name", "\"bogus\""), new("integer", "99"), new("zero", "0"), new("negative integer", "-1"), new("empty", "\"\""), new("upper case", Quote(example?.ToUpperInvariant() ?? "X")), new("huge", Quote(Huge))],
            SchemaKind.Array => Arrays(example),
            SchemaKind.Object => [new("string", "\"abc\""), new("number", "1"), new("array", "[]")],
            _ => [],
        };
        foreach (var value in values)
        {
            yield return value;
        }
    }

    /// <summary>Texts for a path segment, query value or header, chosen by the parameter's schema.</summary>
    public static IEnumerable<BadValue> ForText(JsonElement schema)
    {
        var format = OpenApiOperations.FormatOf(schema);
        var common = new BadValue[]
        {
            new("empty", string.Empty), new("letters", "abc"), new("negative", "-1"), new("zero", "0"),
            new("int overflow", "2147483648"), new("long overflow", "9223372036854775808"), new("huge number", "99999999999999999999999999"),
            new("decimal", "1.5"), new("huge", new string('9', 5000)), new("NUL", "\0"), new("bell", "a\u0007b"), new("bidi override", "a\u202Eb"),
            new("far future", "9999-12-31T23:59:59Z"), new("far past", "0001-01-01T00:00:00Z"), new("not a date", "2026-13-45"),
            new("markup", "<script>alert(1)</script>"), new("unknown enum", "bogus"), new("enum number", "99"),
        };
        return format == "uuid"
            ? [.. common, new("nil uuid", Guid.Empty.ToString()), new("unknown uuid", Guid.NewGuid().ToString()), new("braced uuid", "{" + Guid.NewGuid() + "}")]
            : common;
    }

    private static IEnumerable<BadValue> Strings(string? format)
    {
        yield return new("empty", string.Empty);
        yield return new("blank", "   ");
        yield return new("huge", Huge);
        yield return new("NUL", "a\0b");
        yield return new("bell", "a\u0007b");
        yield return new("newline", "a\nb");
        yield return new("bidi override", "Evil\u202Egnp.exe");
        yield return new("bidi isolate", "a\u2067b");
        yield return new("zero width", "\u200B");
        yield return new("lone surrogate", "\uD800");
        yield return new("markup", "\"><script>alert(8)</script>");
        if (format == "date-time")
        {
            yield return new("far future", "9999-12-31T23:59:59+00:00");
            yield return new("far past", "0001-01-01T00:00:00+00:00");
            yield return new("not a date", "2026-13-45T99:00:00Z");
            yield return new("date only", "2030-01-01");
            yield return new("words", "next friday");
        }
        else if (format == "uuid")
        {
            yield return new("not a uuid", "not-a-uuid");
            yield return new("nil uuid", Guid.Empty.ToString());
            yield return new("unknown uuid", Guid.NewGuid().ToString());
        }
    }

    private static IEnumerable<BadValue> IntegerJson(string? format)
    {
        yield return new("string", "\"abc\"");
        yield return new("number as string", "\"1\"");
        yield return new("negative", "-1");
        yield return new("zero", "0");
        yield return new("int min", "-2147483648");
        yield return new("int overflow", "2147483648");
        yield return new("int underflow", "-2147483649");
        yield return new("long overflow", "9223372036854775808");
        yield return new("huge", "1" + new string('0', 400));
        yield return new("decimal", "1.5");
        yield return new("exponent", "1e3");
        if (format == "int64")
        {
            yield return new("long max", "9223372036854775807");
        }
    }

    private static IEnumerable<BadValue> Arrays(string? example)
    {
        yield return new("string", "\"abc\"");
        yield return new("number", "1");
        yield return new("empty", "[]");
        yield return new("null element", "[null]");
        yield return new("string element", "[\"abc\"]");
        yield return new("nested array", "[[]]");
        if (example is not null)
        {
            var first = FirstElement(example);
            if (first is not null)
            {
                yield return new("duplicates", $"[{first},{first},{first}]");
                yield return new("10,000 copies", "[" + string.Join(',', Enumerable.Repeat(first, 10_000)) + "]");
            }
        }
    }

    private static string? FirstElement(string arrayJson)
    {
        using var document = JsonDocument.Parse(arrayJson);
        return document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
            ? document.RootElement[0].GetRawText()
            : null;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
