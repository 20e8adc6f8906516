using Grpc.Core;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Gate;

internal sealed partial class GateService
{
    /// <summary>
    /// Collects each record's chunks (parents may be in earlier chunks), and when its last chunk arrives, admits,
    /// decides and answers the whole record in chunks of at most <see cref="GateOptions.ResponseChunkSize"/>.
    /// Records are answered in the order they complete. The caller was authenticated before the first message was
    /// read (<see cref="CallerInterceptor"/>), and is authorised for each record on its first chunk, before anything
    /// of it is kept. A record that fails its own checks is answered with <see cref="RecordError"/> and the stream
    /// carries on; only what concerns the stream as a whole ends it with a status.
    /// </summary>
    public override async Task StreamEvaluate(IAsyncStreamReader<StreamEvaluateRequest> requestStream, IServerStreamWriter<StreamEvaluateResponse> responseStream, ServerCallContext context)
    {
        var caller = GateCaller(context);
        var limits = options.Value;
        var open = new Dictionary<string, OpenRecord>(StringComparer.Ordinal);
        var cancellationToken = context.CancellationToken;
        try
        {
            await foreach (var chunk in requestStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (chunk.RequestId.Length == 0)
                {
                    throw RpcErrors.Of(StatusCode.InvalidArgument, "request_id: must not be empty.");
                }

                if (!open.TryGetValue(chunk.RequestId, out var record))
                {
                    record = Open(caller, chunk, open, limits);
                    await RefuseIfAsync(chunk.RequestId, record, await FirstChunkProblemAsync(caller, chunk, cancellationToken).ConfigureAwait(false), responseStream)
                        .ConfigureAwait(false);
                }

                if (!record.Refused)
                {
                    await RefuseIfAsync(chunk.RequestId, record, Accept(chunk, record, limits), responseStream).ConfigureAwait(false);
                }

                if (!chunk.Last)
                {
                    continue;
                }

                open.Remove(chunk.RequestId);
                budget.Return(caller.AuditName);
                if (!record.Refused)
                {
                    await AnswerAsync(caller, chunk.RequestId, record, responseStream, Math.Max(1, limits.ResponseChunkSize), cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var (requestId, record) in open)
            {
                await RefuseIfAsync(requestId, record, RpcErrors.Of(StatusCode.InvalidArgument, $"{Prefix(requestId)}last: the stream ended before the record's last chunk."),
                    responseStream).ConfigureAwait(false);
            }
        }
        finally
        {
            if (open.Count > 0)
            {
                budget.Return(caller.AuditName, open.Count);
            }
        }
    }

    /// <summary>Opens a record on its first chunk: within the stream's and the caller's limits, else the stream ends RESOURCE_EXHAUSTED.</summary>
    private OpenRecord Open(Caller caller, StreamEvaluateRequest chunk, Dictionary<string, OpenRecord> open, GateOptions limits)
    {
        if (open.Count >= limits.MaxOpenRecords)
        {
            throw RpcErrors.Of(StatusCode.ResourceExhausted, $"{Prefix(chunk.RequestId)}more than {limits.MaxOpenRecords} records open at once on one stream.");
        }

        if (!budget.TryTake(caller.AuditName, limits.MaxOpenRecordsPerCaller))
        {
            throw RpcErrors.Of(StatusCode.ResourceExhausted,
                $"{Prefix(chunk.RequestId)}the caller has {limits.MaxOpenRecordsPerCaller} records open on this server already; finish some first.");
        }

        var record = new OpenRecord(chunk.NhsNumber, chunk.MinStateVersion);
        open.Add(chunk.RequestId, record);
        return record;
    }

    /// <summary>
    /// What is wrong with a record's first chunk, checked before any entry is kept: the NHS number, then admission
    /// (patient and practice known, the caller may evaluate for that practice, the state new enough); null if nothing.
    /// </summary>
    private async Task<RpcException?> FirstChunkProblemAsync(Caller caller, StreamEvaluateRequest chunk, CancellationToken cancellationToken)
    {
        var prefix = Prefix(chunk.RequestId);
        if (chunk.NhsNumber.Length == 0)
        {
            return RpcErrors.Of(StatusCode.InvalidArgument, $"{prefix}nhs_number: is required on a record's first chunk.");
        }

        try
        {
            CheckNhsNumber(chunk.NhsNumber, prefix);
        }
        catch (RpcException e)
        {
            return e;
        }

        var question = new DecisionQuestion(caller, chunk.NhsNumber, [], DecisionPurpose.Evaluate, Surface, chunk.MinStateVersion);
        return RecordLevel(await decisions.AdmitAsync(question, cancellationToken).ConfigureAwait(false), prefix);
    }

    /// <summary>Adds a chunk's entries to its record, within the record's limits; the problem if it breaks one.</summary>
    private static RpcException? Accept(StreamEvaluateRequest chunk, OpenRecord record, GateOptions limits)
    {
        var prefix = Prefix(chunk.RequestId);
        if (chunk.NhsNumber.Length > 0 && !string.Equals(chunk.NhsNumber, record.NhsNumber, StringComparison.Ordinal))
        {
            return RpcErrors.Of(StatusCode.InvalidArgument, $"{prefix}nhs_number: does not match the record's first chunk.");
        }

        if (record.Entries.Count + chunk.Entries.Count > limits.MaxEntriesPerRecord)
        {
            return RpcErrors.Of(StatusCode.ResourceExhausted, $"{prefix}entries: a record may hold at most {limits.MaxEntriesPerRecord} entries.");
        }

        record.Bytes += chunk.CalculateSize();
        if (record.Bytes > limits.MaxRecordBytes)
        {
            return RpcErrors.Of(StatusCode.ResourceExhausted, $"{prefix}entries: a record may hold at most {limits.MaxRecordBytes} bytes of entries.");
        }

        foreach (var entry in chunk.Entries)
        {
            if (entry.Labels.Count > limits.MaxLabelsPerEntry)
            {
                return RpcErrors.Of(StatusCode.ResourceExhausted,
                    $"{prefix}entries: entry '{RpcErrors.Quote(entry.Id)}' has {entry.Labels.Count} labels; an entry may carry at most {limits.MaxLabelsPerEntry}.");
            }
        }

        record.Entries.EnsureCapacity(record.Entries.Count + chunk.Entries.Count);
        for (var i = 0; i < chunk.Entries.Count; i++)
        {
            record.Entries.Add(GateMapper.ToCore(chunk.Entries[i]));
        }

        return null;
    }

    /// <summary>Admits, decides, audits and answers a completed record; a record-level refusal is answered as its error.</summary>
    private async Task AnswerAsync(Caller caller, string requestId, OpenRecord record, IServerStreamWriter<StreamEvaluateResponse> writer, int chunkSize,
        CancellationToken cancellationToken)
    {
        var question = new DecisionQuestion(caller, record.NhsNumber, record.Entries, DecisionPurpose.Evaluate, Surface, record.MinStateVersion);
        var outcome = await decisions.DecideAsync(question, cancellationToken).ConfigureAwait(false);
        if (RecordLevel(outcome, Prefix(requestId)) is { } refused)
        {
            await RefuseIfAsync(requestId, record, refused, writer).ConfigureAwait(false);
            return;
        }

        // Stale state or an audit that cannot be written is UNAVAILABLE for the whole stream (fail closed).
        await WriteAnswerAsync(requestId, GateOutcomes.Answer(outcome), writer, chunkSize).ConfigureAwait(false);
    }

    private static async Task RefuseIfAsync(string requestId, OpenRecord record, RpcException? problem, IServerStreamWriter<StreamEvaluateResponse> writer)
    {
        if (problem is null || record.Refused)
        {
            return;
        }

        record.Refuse();
        await writer.WriteAsync(new StreamEvaluateResponse
        {
            RequestId = requestId,
            Last = true,
            Error = new RecordError { Code = (int)problem.StatusCode, Message = problem.Status.Detail },
        }).ConfigureAwait(false);
    }

    /// <summary>Refusals that concern one record only; anything else (UNAVAILABLE, CANCELLED, ...) ends the stream.</summary>
    /// <summary>A refusal ends one record (an error response for its request id); unavailability ends the whole stream.</summary>
    private static RpcException? RecordLevel<T>(DecisionOutcome<T> outcome, string prefix) => outcome switch
    {
        DecisionOutcome<T>.Refused => GateOutcomes.Problem(outcome, prefix),
        DecisionOutcome<T>.Unavailable => throw GateOutcomes.Problem(outcome, prefix)!,
        _ => null,
    };

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
