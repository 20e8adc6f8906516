using System.Text.Json;

namespace RecordAccess.Core.Cases;

/// <summary>
/// Strict reading of one JSON object: every property must be known and appear once, and every value
/// must have the expected type, else a <see cref="CaseFormatException"/> names the field. A silently
/// ignored typo (<c>"safeguardingFlg": true</c>) could show a record that must be withheld.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    private JsonFields(string path) => Path = path;

    public string Path { get; }

    public static JsonFields Of(JsonElement element, string path, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFormatException(path, $"expected an object, found {Describe(element)}");
        }

        var fields = new JsonFields(path);
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new CaseFormatException($"{path}.{property.Name}", $"unknown field (known: {string.Join(", ", allowed)})");
            }

            if (!fields._values.TryAdd(property.Name, property.Value))
            {
                throw new CaseFormatException($"{path}.{property.Name}", "appears more than once");
            }
        }

        return fields;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public string Child(string name) => $"{Path}.{name}";

    /// <summary>The value when present and not null.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        _values.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    public bool IsPresent(string name) => _values.ContainsKey(name);

    /// <summary>A string, or null when absent or null.</summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new CaseFormatException(Child(name), $"expected a string, found {Describe(value)}");
    }

    /// <summary>A boolean; absent means false. Null is refused: a withholding fact must be stated, not implied.</summary>
    public bool Boolean(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CaseFormatException(Child(name), $"expected true or false, found {Describe(value)}"),
        };
    }

    /// <summary>The items of an array; absent or null means empty.</summary>
    public JsonElement.ArrayEnumerator? OptionalArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new CaseFormatException(Child(name), $"expected an array, found {Describe(value)}");
    }
}
