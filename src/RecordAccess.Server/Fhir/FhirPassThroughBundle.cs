using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// The one Bundle not built as a Firely POCO: <c>$filter</c>'s answer, whose entries are the patient's own resources
/// passed through as the sender wrote them (minus what was withheld), so no element the SDK does not model is lost or
/// reformatted (decision 0080). A collection: a type and entries, no id, total, links or timestamp.
/// </summary>
internal static class FhirPassThroughBundle
{
    public static JsonObject Collection(IEnumerable<(string? FullUrl, JsonObject Resource)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var array = new JsonArray();
        foreach (var (fullUrl, resource) in entries)
        {
            var entry = new JsonObject();
            if (fullUrl is not null)
            {
                entry["fullUrl"] = fullUrl;
            }

            entry["resource"] = resource;
            array.Add(entry);
        }

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection" };
        if (array.Count > 0)
        {
            bundle["entry"] = array;
        }

        return bundle;
    }
}
