using RecordAccess.Core.Model;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Writes a corpus case's practice, patient and entry marks (redacted, released) into a host's store through the
/// real admin service. Returns the admin's problems: non-empty when it refused any part of the state.
/// </summary>
internal static class CorpusStateLoader
{
    /// <summary>Valid concepts other than 103/104/106 are ignored by the rule table, and the store keeps only access codes.</summary>
    private static readonly string[] Ignored = ["must be one of the access codes"];

    public static async Task<List<string>> LoadAsync(FhirHost host, DecisionRequest request)
    {
        if (request.Practice is not { } practice || request.Patient is not { } patient)
        {
            return ["practice or patient: absent from the case"];
        }

        // An empty id cannot be redacted by id; such an entry is DecisionUnavailable whatever its marks.
        var writes = await CorpusState.WriteAsync(host.Admin, FhirHost.Why, request, practice.Ods, patient.NhsNumber, e => e.Id.Length > 0);
        return writes.SelectMany(w => w.Refusals(Ignored)).Select(p => p.ToString()).ToList();
    }
}
