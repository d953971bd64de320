using System.Globalization;
using System.Text;
using CsCheck;

namespace Parley.Testing.Fuzz;

/// <summary>Generators of JSON text, well-formed unless a mutator breaks it: hostile strings, edge numbers, nesting, objects with given fields.</summary>
public static class JsonFuzz
{
    /// <summary>Strings a parser, a validator or a database has tripped on somewhere.</summary>
    private static readonly string[] Specials =
    [
        "", " ", "null", "0", "-1", "true", "\0", "\ud800", "\udc00x", "x\ud800", "😀", "\u202e", "\r\n", "\t", "\\", "\"",
        "../../../etc/passwd", "http://127.0.0.1:1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "file:///etc/passwd",
        "ftp://example.com/", "http://user:pass@example.com/", "https://localhost./x", "{{secret:NOPE}}", "Bearer x",
        "' OR '1'='1", "'; DROP TABLE agents; --", "<script>alert(1)</script>", "%s%n%x", "${jndi:x}", "embedded", "calculator",
        "slt", "orchestrator", "direct_agent", "00000000-0000-0000-0000-000000000000", "agent_x", "created_at", "desc", "asc",
    ];

    /// <summary>Number spellings at and past the edges of int, long and double.</summary>
    private static readonly string[] EdgeNumbers =
    [
        "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "1e309", "-1e309", "1e-400", "0.5", "1.5", "1E2", "123456789012345678901234567890", "0.000000000000000000001",
    ];

    /// <summary>Any JSON string literal.</summary>
    public static Gen<string> String { get; } = Text().Select(Literal);

    /// <summary>Any JSON number.</summary>
    public static Gen<string> Number { get; } = Gen.Frequency(
        (3, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf(EdgeNumbers)),
        (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double[-1e12, 1e12].Select(d => d.ToString("R", CultureInfo.InvariantCulture))));

    /// <summary>Any JSON scalar.</summary>
    public static Gen<string> Scalar { get; } = Gen.Frequency(
        (4, String),
        (3, Number),
        (1, Gen.OneOf("true", "false", "null")));

    /// <summary>Inputs made to exhaust something: deep nesting, long strings, many members.</summary>
    public static Gen<string> Hostile { get; } = Gen.OneOf<string>(
        Gen.Int[60, 5000].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[60, 2000].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
        Gen.Int[10_000, 100_000].Select(length => Literal(new string('x', length))),
        Gen.Int[1_000, 5_000].Select(count => "{" + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"k{i}\":{i}")) + "}"),
        Gen.Int[1_000, 10_000].Select(count => "[" + string.Join(',', Enumerable.Repeat("\"\"", count)) + "]"));

    /// <summary>Any JSON value nested at most <paramref name="depth"/> deep.</summary>
    public static Gen<string> Value(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (2, Value(depth - 1).Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (2, Gen.Select(Text(), Value(depth - 1)).Array[0, 4].Select(members => "{" + string.Join(',', members.Select(m => Literal(m.Item1) + ":" + m.Item2)) + "}")),
            (1, Hostile));

    /// <summary>
    /// An object holding some of <paramref name="fields"/> (each present or not, in its own order), now and then a field
    /// twice or an unknown one; a field's value comes from its own generator or, now and then, is any value at all.
    /// </summary>
    public static Gen<string> Object(IReadOnlyList<(string Name, Gen<string> Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var any = Value(2);
        var members = Gen.Const(Array.Empty<string>());
        foreach (var (name, value) in fields)
        {
            var member = Gen.Frequency(
                (3, Absent),
                (4, value.Select<string, string?>(v => Literal(name) + ":" + v)),
                (1, any.Select<string, string?>(v => Literal(name) + ":" + v)));
            members = Gen.Select(members, member, (sofar, next) => next is null ? sofar : [.. sofar, next]);
        }

        var extras = Gen.Select(Text(), any).Array[0, 2].Select(e => e.Select(m => Literal(m.Item1) + ":" + m.Item2).ToArray());
        return Gen.Select(members, extras, Gen.Int[0, 9], (known, unknown, twice) =>
        {
            // One time in ten a present field comes twice: the last one wins or the body is refused, never a 500.
            var all = twice == 0 && known.Length > 0 ? [.. known, known[0], .. unknown] : known.Concat(unknown);
            return "{" + string.Join(',', all) + "}";
        });
    }

    private static readonly Gen<string?> Absent = Gen.Const(default(string));

    /// <summary>A JSON string literal of <paramref name="text"/>: control characters and surrogates escaped (a lone one stays lone).</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                _ when c < 0x20 || char.IsSurrogate(c) => json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => json.Append(c),
            };
        }

        return json.Append('"').ToString();
    }

    /// <summary>Bytes that mean something in JSON, for <see cref="ByteMutator"/>.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
    [
        .. new[] { "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "\\u0000", "null", "true", "false", "-", "0", "1e999", ".", "\"type\"", "\"payload\"", "{}", "[]", "\"\"" }
            .Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF], // a byte-order mark
        [0xC0, 0x80], // an overlong NUL
        [0xED, 0xA0, 0x80], // a UTF-8-encoded surrogate
    ];

    /// <summary>Plain text: mostly ordinary, sometimes any UTF-16 (lone surrogates too), a special, or long.</summary>
    public static Gen<string> Text() => Gen.Frequency(
        (6, Gen.String[Gen.Char.AlphaNumeric, 0, 16]),
        (3, Gen.String[0, 24]),
        (2, Gen.OneOf(Specials)),
        (1, Gen.Int[2_000, 20_000].Select(n => new string('a', n))));
}
