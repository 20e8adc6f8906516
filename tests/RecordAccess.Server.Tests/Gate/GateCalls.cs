using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>Entries and calls of the gate tests, over raw HTTP/2.</summary>
internal static class GateCalls
{
    public static Entry Entry(string id, string recorded = "2024-01-02", EntryKind kind = EntryKind.Consultation,
        EntryStatus status = EntryStatus.Final, string? parent = null, bool redacted = false)
    {
        var entry = new Entry { Id = id, RecordedDate = recorded, Kind = kind, Status = status, Redacted = redacted };
        if (parent is not null)
        {
            entry.ParentId = parent;
        }

        return entry;
    }

    public static EvaluateEntriesRequest Evaluate(string nhs, params Entry[] entries)
    {
        var request = new EvaluateEntriesRequest { NhsNumber = nhs };
        request.Entries.AddRange(entries);
        return request;
    }

    public static Task<GrpcResult> EvaluateAsync(this HttpClient client, EvaluateEntriesRequest request, string? token) =>
        token is null
            ? client.CallAsync(GateHost.Gate + "EvaluateEntries", request)
            : client.CallAsync(GateHost.Gate + "EvaluateEntries", request, ("authorization", token));

    public static string Reasons(this GrpcResult result) =>
        result.StatusCode == 0
            ? string.Join(" ", EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]).Decisions.Select(d => $"{d.EntryId}={d.Reason}"))
            : result.ToString();
}
