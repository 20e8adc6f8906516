using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Security labels: read from <c>meta.security</c> of a resource and of its contained resources (codes of any
/// system: a label is matched on its code alone, exactly, so an unexpected system can only withhold more), and
/// removed from everything a patient is sent.
/// </summary>
internal static class SecurityLabels
{
    public static IReadOnlyList<string> Collect(JsonObject resource)
    {
        var labels = Codes(resource).ToList();
        foreach (var contained in FhirJsonRead.Array(resource, "contained"))
        {
            labels.AddRange(Codes(contained));
        }

        return labels;
    }

    /// <summary>Removes <c>meta.security</c> wherever it occurs (and <c>meta</c> itself if nothing else is left).</summary>
    public static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["meta"] is JsonObject meta && meta.Remove("security") && meta.Count == 0)
                {
                    o.Remove("meta");
                }

                foreach (var (_, child) in o)
                {
                    Strip(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strip(child);
                }

                break;
        }
    }

    private static IEnumerable<string> Codes(JsonNode? resource) =>
        FhirJsonRead.Array(FhirJsonRead.Object(resource, "meta"), "security").Select(c => FhirJsonRead.String(c, "code")).OfType<string>();
}
