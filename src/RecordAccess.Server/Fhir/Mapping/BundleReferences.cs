using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Resolves a Reference to the items of one Bundle it may name, leniently, so that no form of reference to a withheld
/// resource survives (decision 0085): by <c>reference</c> (a fullUrl, <c>urn:uuid:</c>, <c>Type/id</c> or an absolute
/// URL ending in it; a <c>_history</c> suffix, trailing slashes and letter case ignored; a bare id; a query form
/// <c>Type?_id=…</c> or <c>Type?identifier=…</c>) and by <c>identifier</c> (its value, whatever the system: an identifier
/// value of a withheld resource under another system is still taken to name it). Contained references (<c>#id</c>) are internal to a resource and name no item.
/// </summary>
internal sealed partial class BundleReferences
{
    private readonly IReadOnlyList<BundleItem> _items;
    private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public BundleReferences(IReadOnlyList<BundleItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].FullUrl is { Length: > 0 } fullUrl)
            {
                Add("url:" + Trim(fullUrl), i);
            }

            if (items[i].Id is { Length: > 0 } id)
            {
                Add("id:" + id, i);
                if (items[i].Type is { } type)
                {
                    Add($"ref:{type}/{id}", i);
                }
            }

            foreach (var identifier in Identifiers(items[i].Resource))
            {
                if (FhirJsonRead.String(identifier, "value") is { Length: > 0 } value)
                {
                    Add("value:" + value, i);
                }
            }
        }
    }

    /// <summary>Every item a Reference object may name (none when it names nothing in the Bundle).</summary>
    public IEnumerable<int> Resolve(JsonObject? reference)
    {
        var found = new SortedSet<int>();
        if (FhirJsonRead.String(reference, "reference") is { } literal)
        {
            found.UnionWith(ResolveLiteral(literal));
        }

        if (FhirJsonRead.Object(reference, "identifier") is { } identifier && FhirJsonRead.String(identifier, "value") is { Length: > 0 } value)
        {
            found.UnionWith(Find("value:" + value));
        }

        return found;
    }

    /// <summary>
    /// True when a Reference's <c>reference</c>, if any, has a form R4 allows in a resource: <c>#id</c>, a
    /// <c>urn:uuid:</c> or <c>urn:oid:</c>, or <c>Type/id</c> of a known resource type (optionally after an http(s)
    /// base and with a <c>_history</c> version; the Reference.reference pattern of the R4 specification). Any other form
    /// (a query, a trailing slash, a lower-case type) cannot be resolved with certainty and is removed (decision 0085).
    /// </summary>
    public static bool IsReadable(JsonObject reference)
    {
        if (FhirJsonRead.String(reference, "reference") is not { } literal)
        {
            return reference["reference"] is null;
        }

        if (literal.StartsWith('#') || UrnPattern().IsMatch(literal))
        {
            return true;
        }

        return LiteralPattern().Match(literal) is { Success: true } match && ModelInfo.IsKnownResource(match.Groups["type"].Value);
    }

    [GeneratedRegex("^urn:(uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|oid:[0-2](\\.(0|[1-9][0-9]*))+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UrnPattern();

    [GeneratedRegex("^(https?://([A-Za-z0-9\\-\\\\.:%$]*/)+)?(?<type>[A-Z][A-Za-z]+)/[A-Za-z0-9\\-.]{1,64}(/_history/[A-Za-z0-9\\-.]{1,64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralPattern();

    private IEnumerable<int> ResolveLiteral(string literal)
    {
        var text = literal.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return [];
        }

        if (Find("url:" + Trim(text)) is { Count: > 0 } byUrl)
        {
            return byUrl;
        }

        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            return Query(text[(query + 1)..]);
        }

        var history = text.IndexOf("/_history", StringComparison.OrdinalIgnoreCase);
        var parts = Trim(history >= 0 ? text[..history] : text).Split('/');
        return parts.Length >= 2 ? Find($"ref:{parts[^2]}/{parts[^1]}") : Find("id:" + parts[0]);
    }

    private IEnumerable<int> Query(string query)
    {
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (pair, string.Empty) : (pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..]));
            var found = name switch
            {
                "_id" => Find("id:" + value),
                "identifier" => Find("value:" + value[(value.IndexOf('|', StringComparison.Ordinal) + 1)..]),
                _ => [],
            };
            foreach (var i in found)
            {
                yield return i;
            }
        }
    }

    private static IEnumerable<JsonObject> Identifiers(JsonObject resource) =>
        new[] { resource["identifier"], resource["masterIdentifier"] }
            .SelectMany(node => node switch { JsonArray a => a.OfType<JsonObject>(), JsonObject o => [o], _ => [] });

    private static string Trim(string text) => text.Trim().TrimEnd('/');

    private List<int> Find(string key) => _byKey.TryGetValue(key, out var found) ? found : [];

    private void Add(string key, int index)
    {
        if (!_byKey.TryGetValue(key, out var list))
        {
            _byKey[key] = list = [];
        }

        if (!list.Contains(index))
        {
            list.Add(index);
        }
    }
}
