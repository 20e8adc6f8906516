using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>Entries and calls of the gate tests, over raw HTTP/2.</summary>
internal static class GateCalls
{
    public static Entry Entry(string id, string recorded = "2024-01-02", EntryKind kind = EntryKind.Consultation,
        EntryStatus status = EntryStatus.Final, string? parent = null, bool redacted = false, string? code = null)
    {
        var entry = new Entry { Id = id, RecordedDate = recorded, Kind = kind, Status = status, Redacted = redacted, Code = code };
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

    public static Task<RpcResult> EvaluateAsync(this HttpClient client, EvaluateEntriesRequest request, string? token) =>
        token is null
            ? client.CallAsync(GateHost.Gate + "EvaluateEntries", request)
            : client.CallAsync(GateHost.Gate + "EvaluateEntries", request, ("authorization", token));

    public static Task<RpcResult> AccessAsync(this HttpClient client, string nhs, string? token, ulong minStateVersion = 0) =>
        client.Call(GateHost.Gate + "GetPatientAccess", new GetPatientAccessRequest { NhsNumber = nhs, MinStateVersion = minStateVersion }, token);

    public static ExplainEntryRequest Explain(string nhs, string entryId, params Entry[] entries)
    {
        var request = new ExplainEntryRequest { NhsNumber = nhs, EntryId = entryId };
        request.Entries.AddRange(entries);
        return request;
    }

    public static Task<RpcResult> ExplainAsync(this HttpClient client, ExplainEntryRequest request, string? token) =>
        client.Call(GateHost.Gate + "ExplainEntry", request, token);

    private static Task<RpcResult> Call(this HttpClient client, string path, Google.Protobuf.IMessage request, string? token) =>
        token is null ? client.CallAsync(path, request) : client.CallAsync(path, request, ("authorization", token));

    public static string Reasons(this RpcResult result) =>
        result.StatusCode == 0
            ? string.Join(" ", EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]).Decisions.Select(d => $"{d.EntryId}={d.Reason}"))
            : result.ToString();
}
