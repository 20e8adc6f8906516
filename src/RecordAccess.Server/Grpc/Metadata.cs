using System.Collections;

namespace RecordAccess.Server.Grpc;

/// <summary>
/// Custom metadata of a call: request headers, or response headers and trailers set by a handler.
/// Keys are lower-case ASCII; a key ending in <c>-bin</c> carries bytes (base64 on the wire), any other printable ASCII.
/// Keys the protocol reserves (<c>grpc-*</c>, <c>content-type</c>, <c>te</c>, pseudo-headers) are not custom metadata.
/// </summary>
internal sealed class Metadata : IEnumerable<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    /// <summary>Adds a text value. Throws <see cref="ArgumentException"/> for an invalid or reserved key or a non-printable value.</summary>
    public void Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateKey(key);
        if (IsBinaryKey(key))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in '{BinarySuffix}': add its value as bytes.", nameof(key));
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Metadata value of '{key}' must be printable ASCII.", nameof(value));
            }
        }

        _entries.Add(new Entry(key, value));
    }

    /// <summary>Adds a binary value (key must end in <c>-bin</c>); it is sent as unpadded base64.</summary>
    public void Add(string key, ReadOnlySpan<byte> value)
    {
        ValidateKey(key);
        if (!IsBinaryKey(key))
        {
            throw new ArgumentException($"Metadata key '{key}' must end in '{BinarySuffix}' to carry bytes.", nameof(key));
        }

        _entries.Add(new Entry(key, Convert.ToBase64String(value).TrimEnd('=')));
    }

    /// <summary>The first text value of <paramref name="key"/> (for a <c>-bin</c> key, its base64 form), or null.</summary>
    public string? GetValue(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The first value of a <c>-bin</c> key decoded from base64 (padded or not), or null if absent or not base64.</summary>
    public byte[]? GetBytes(string key)
    {
        var text = GetValue(key);
        if (text is null)
        {
            return null;
        }

        var padded = (text.Length % 4) switch { 2 => text + "==", 3 => text + "=", _ => text };
        var bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : null;
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The custom metadata of a request: every header except those the protocol or HTTP reserve.</summary>
    internal static Metadata FromRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (IsReserved(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                metadata._entries.Add(new Entry(key.ToLowerInvariant(), value ?? ""));
            }
        }

        return metadata;
    }

    internal static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Headers that belong to the protocol or to HTTP, never to the application's metadata.</summary>
    internal static bool IsReserved(string key) =>
        key.StartsWith(':')
        || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "content-type", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "te", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "host", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "content-length", StringComparison.OrdinalIgnoreCase);

    private static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' may hold only lower-case letters, digits, '-', '_' and '.'.", nameof(key));
            }
        }

        if (IsReserved(key))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved by the gRPC protocol.", nameof(key));
        }
    }

    /// <summary>One key/value pair; a <c>-bin</c> value is held in its base64 form.</summary>
    internal readonly record struct Entry(string Key, string Value);
}
