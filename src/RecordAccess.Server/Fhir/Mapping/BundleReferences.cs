using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Resolves references between the resources of one Bundle: by fullUrl, by <c>Type/id</c>, or by an absolute URL
/// ending in <c>Type/id</c> (a <c>_history</c> suffix is ignored). Contained references (<c>#id</c>) are internal to a resource.
/// </summary>
internal sealed class BundleReferences
{
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);

    public BundleReferences(IReadOnlyList<BundleItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].FullUrl is { Length: > 0 } fullUrl)
            {
                _byKey.TryAdd(fullUrl, i);
            }

            if (items[i] is { Type: { } type, Id: { } id })
            {
                _byKey.TryAdd($"{type}/{id}", i);
            }
        }
    }

    /// <summary>The index of the item a Reference object points to, or -1 (outside the Bundle, contained, or no <c>reference</c>).</summary>
    public int Resolve(JsonObject? reference) => Resolve(FhirJsonRead.String(reference, "reference"));

    public int Resolve(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference[0] == '#')
        {
            return -1;
        }

        if (_byKey.TryGetValue(reference, out var exact))
        {
            return exact;
        }

        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        var path = history >= 0 ? reference[..history] : reference;
        var parts = path.Split('/');
        return parts.Length >= 2 && _byKey.TryGetValue($"{parts[^2]}/{parts[^1]}", out var index) ? index : -1;
    }
}
