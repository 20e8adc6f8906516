using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Gate;

internal sealed partial class GateService
{
    /// <summary>
    /// Collects each record's chunks (parents may be in earlier chunks), and when its last chunk arrives, admits,
    /// decides and answers the whole record in chunks of at most <see cref="GateOptions.ResponseChunkSize"/>.
    /// Records are answered in the order they complete. A record that fails its checks ends the stream with that
    /// status, naming its request_id (a stream carries one status).
    /// </summary>
    public override async Task StreamEvaluate(IAsyncStreamReader<StreamEvaluateRequest> requestStream, IServerStreamWriter<StreamEvaluateResponse> responseStream, ServerCallContext context)
    {
        var caller = GateCaller(context);
        var limits = options.Value;
        var open = new Dictionary<string, OpenRecord>(StringComparer.Ordinal);
        await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var record = Accept(chunk, open, limits);
            if (!chunk.Last)
            {
                continue;
            }

            open.Remove(chunk.RequestId);
            var admitted = await admission.AdmitAsync(caller, record.NhsNumber, record.MinStateVersion, record.Entries, null, explaining: false,
                Prefix(chunk.RequestId), context.CancellationToken).ConfigureAwait(false);
            var answer = await DecideAsync(caller, admitted, context.CancellationToken).ConfigureAwait(false);
            await WriteAnswerAsync(chunk.RequestId, answer, responseStream, Math.Max(1, limits.ResponseChunkSize)).ConfigureAwait(false);
        }

        foreach (var unfinished in open.Keys)
        {
            throw RpcErrors.Of(StatusCode.InvalidArgument, $"{Prefix(unfinished)}last: the stream ended before the record's last chunk.");
        }
    }

    private static OpenRecord Accept(StreamEvaluateRequest chunk, Dictionary<string, OpenRecord> open, GateOptions limits)
    {
        if (chunk.RequestId.Length == 0)
        {
            throw RpcErrors.Of(StatusCode.InvalidArgument, "request_id: must not be empty.");
        }

        if (!open.TryGetValue(chunk.RequestId, out var record))
        {
            if (chunk.NhsNumber.Length == 0)
            {
                throw RpcErrors.Of(StatusCode.InvalidArgument, $"{Prefix(chunk.RequestId)}nhs_number: is required on a record's first chunk.");
            }

            CheckNhsNumber(chunk.NhsNumber, Prefix(chunk.RequestId));
            if (open.Count >= limits.MaxOpenRecords)
            {
                throw RpcErrors.Of(StatusCode.ResourceExhausted, $"{Prefix(chunk.RequestId)}more than {limits.MaxOpenRecords} records open at once on one stream.");
            }

            record = new OpenRecord(chunk.NhsNumber, chunk.MinStateVersion);
            open.Add(chunk.RequestId, record);
        }
        else if (chunk.NhsNumber.Length > 0 && !string.Equals(chunk.NhsNumber, record.NhsNumber, StringComparison.Ordinal))
        {
            throw RpcErrors.Of(StatusCode.InvalidArgument, $"{Prefix(chunk.RequestId)}nhs_number: does not match the record's first chunk.");
        }

        if (record.Entries.Count + chunk.Entries.Count > limits.MaxEntriesPerRecord)
        {
            throw RpcErrors.Of(StatusCode.ResourceExhausted, $"{Prefix(chunk.RequestId)}entries: a record may hold at most {limits.MaxEntriesPerRecord} entries.");
        }

        record.Entries.EnsureCapacity(record.Entries.Count + chunk.Entries.Count);
        for (var i = 0; i < chunk.Entries.Count; i++)
        {
            record.Entries.Add(GateMapper.ToCore(chunk.Entries[i]));
        }

        return record;
    }

    private static async Task WriteAnswerAsync(string requestId, GateAnswer answer, IServerStreamWriter<StreamEvaluateResponse> writer, int chunkSize)
    {
        var decisions = answer.Decisions;
        var start = 0;
        do
        {
            var count = Math.Min(chunkSize, decisions.Count - start);
            var last = start + count == decisions.Count;
            var response = new StreamEvaluateResponse { RequestId = requestId, Last = last };
            GateMapper.AddTo(response.Decisions, decisions, start, count);
            if (last)
            {
                response.DecisionId = answer.DecisionId.ToString("D");
                response.StateVersion = (ulong)answer.StateVersion;
                response.RuleSetVersion = answer.RuleSetVersion;
            }

            await writer.WriteAsync(response).ConfigureAwait(false);
            start += count;
        }
        while (start < decisions.Count);
    }

    private static string Prefix(string requestId) => $"request_id '{RpcErrors.Quote(requestId)}': ";
}
