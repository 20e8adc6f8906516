using Grpc.Core;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>StreamEvaluate: records in chunks (answer chunks of 3 in this host), limits, deadlines and cancellation.</summary>
public sealed class StreamEvaluateTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
{
    private readonly HttpClient _client = host.CreateGrpcClient();

    public async Task InitializeAsync()
    {
        if (host.Runtime.State.PracticeCount == 0)
        {
            await host.SeedPracticesAsync();
            await host.RegisterAsync(1);
            GateHost.Ok(await host.Runtime.Admin.RedactEntryAsync(GateHost.System, TestNhs.Make(1), "doc"));
        }
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StreamEvaluate_TwoRecordsInterleavedParentsInEarlierChunks_AnsweredInCompletionOrderAndRequestOrder()
    {
        var nhs = TestNhs.Make(1);
        var body = Frames.Concat(
            Chunk("a", nhs, false, Entry("doc", kind: EntryKind.Document), Entry("a1")),
            Chunk("b", nhs, false, Entry("b1")),
            Chunk("a", string.Empty, false, Entry("code", parent: "doc", kind: EntryKind.Coded), Entry("a2")),
            Chunk("b", nhs, true, Entry("b2", status: EntryStatus.Draft)),
            Chunk("a", nhs, true, Entry("att", parent: "code")));

        var result = await _client.CallAsync(GateHost.Gate + "StreamEvaluate", body, ("authorization", host.Supplier()));

        Assert.Equal(0, result.StatusCode);
        var answers = result.Parse(StreamEvaluateResponse.Parser);
        Assert.Equal(["b", "a", "a"], answers.Select(a => a.RequestId));
        Assert.Equal([true, false, true], answers.Select(a => a.Last));
        Assert.Equal("b1=Visible b2=NotFinal", string.Join(" ", answers[0].Decisions.Select(d => $"{d.EntryId}={d.Reason}")));
        Assert.Equal("doc=EntryRedacted a1=Visible code=ParentWithheld a2=Visible att=ParentWithheld",
            string.Join(" ", answers.Skip(1).SelectMany(a => a.Decisions).Select(d => $"{d.EntryId}={d.Reason}")));
        Assert.Equal(string.Empty, answers[1].DecisionId);
        Assert.Equal(2, (await host.AuditOfAsync(nhs)).Count(r => answers.Any(a => a.DecisionId == r.DecisionId.ToString("D"))));
    }

    [Theory]
    [InlineData("empty-request-id", 3, "request_id")]
    [InlineData("more-records-open-than-a-stream-may-hold", 8, "records open at once on one stream")]
    public async Task StreamEvaluate_StreamLevelProblem_EndsTheStreamWithAStatusNamingIt(string problem, int status, string message)
    {
        var nhs = TestNhs.Make(1);
        StreamEvaluateRequest[] chunks = problem switch
        {
            "empty-request-id" => [StreamChunk("", nhs, true, Entry("e1"))],
            _ => [.. Enumerable.Range(0, 9).Select(i => StreamChunk($"r{i}", nhs, false, Entry("e1")))],
        };

        var (code, detail, _) = await StreamAsync(host.Supplier(), chunks);

        Assert.Equal(status, (int)code);
        Assert.Contains(message, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-nhs", 3, "nhs_number: is required")]
    [InlineData("bad-check-digit", 3, "nhs_number")]
    [InlineData("nhs-mismatch", 3, "nhs_number: does not match")]
    [InlineData("never-last", 3, "last: the stream ended")]
    [InlineData("too-many-entries", 8, "entries: a record may hold at most 1000 entries")]
    [InlineData("too-many-labels", 8, "has 5 labels")]
    [InlineData("unknown-patient", 5, "request_id 'bad': nhs_number: no patient with this NHS number is registered at a practice the caller may act for.")]
    [InlineData("other-practice", 5, "request_id 'bad': nhs_number: no patient with this NHS number is registered at a practice the caller may act for.")]
    public async Task StreamEvaluate_BadRecordBetweenGoodOnes_AnsweredWithItsErrorAndTheStreamCarriesOn(string problem, int status, string message)
    {
        var nhs = TestNhs.Make(1);
        var labelled = Entry("l1");
        labelled.Labels.AddRange(["a", "b", "c", "d", "e"]);
        StreamEvaluateRequest[] bad = problem switch
        {
            "no-nhs" => [StreamChunk("bad", "", true, Entry("e1"))],
            "bad-check-digit" => [StreamChunk("bad", "9434765918", true, Entry("e1"))],
            "nhs-mismatch" => [StreamChunk("bad", nhs, false, Entry("e1")), StreamChunk("bad", TestNhs.Make(2), true)],
            "never-last" => [StreamChunk("bad", nhs, false, Entry("e1"))],
            "too-many-entries" => [
                StreamChunk("bad", nhs, false, [.. Enumerable.Range(0, 600).Select(i => Entry($"x{i}"))]),
                StreamChunk("bad", nhs, true, [.. Enumerable.Range(0, 600).Select(i => Entry($"y{i}"))])],
            "too-many-labels" => [StreamChunk("bad", nhs, true, labelled)],
            "unknown-patient" => [StreamChunk("bad", TestNhs.Make(999), true, Entry("e1"))],
            _ => [StreamChunk("bad", await OtherPracticePatientAsync(), true, Entry("e1"))],
        };
        var audited = (await host.AuditOfAsync(nhs)).Count;

        var (code, _, answers) = await StreamAsync(host.Supplier(), [StreamChunk("before", nhs, true, Entry("b1")), .. bad, StreamChunk("after", nhs, true, Entry("a1"))]);

        Assert.Equal(StatusCode.OK, code);
        var refused = Assert.Single(answers, a => a.RequestId == "bad");
        Assert.Equal((status, true), (refused.Error.Code, refused.Last));
        Assert.Contains(message, refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Decisions);
        Assert.Equal("b1=Visible", Reasons(answers, "before"));
        Assert.Equal("a1=Visible", Reasons(answers, "after"));
        Assert.Null(answers.Single(a => a.RequestId == "before").Error);
        Assert.Equal(audited + 2, (await host.AuditOfAsync(nhs)).Count);
    }

    [Fact]
    public async Task StreamEvaluate_CallerWithoutRightsForThePractice_RefusedOnTheFirstChunkAndLaterChunksDropped()
    {
        var other = await OtherPracticePatientAsync();
        using var channel = host.CreateChannel();
        using var call = new RecordAccessGate.RecordAccessGateClient(channel).StreamEvaluate(new Metadata { { "authorization", host.Supplier() } });

        // The record's first chunk only: the refusal arrives before its last chunk is sent, so nothing of it is held.
        await call.RequestStream.WriteAsync(StreamChunk("r", other, false, Entry("e0")));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var refused = call.ResponseStream.Current;
        for (var i = 1; i <= 50; i++)
        {
            await call.RequestStream.WriteAsync(StreamChunk("r", other, i == 50, [.. Enumerable.Range(0, 20).Select(j => Entry($"e{i}-{j}"))]));
        }

        await call.RequestStream.CompleteAsync();
        var more = await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(((int)StatusCode.NotFound, "r", true), (refused.Error.Code, refused.RequestId, refused.Last));
        Assert.False(more);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Empty(await host.AuditOfAsync(other));
    }

    [Fact]
    public async Task StreamEvaluate_OneCallerOpensMoreRecordsThanItsLimitAcrossStreams_ResourceExhausted()
    {
        var nhs = TestNhs.Make(1);
        using var channel = host.CreateChannel();
        var gate = new RecordAccessGate.RecordAccessGateClient(channel);
        var token = host.Supplier(clientId: "many-streams");
        using var first = gate.StreamEvaluate(new Metadata { { "authorization", token } });
        using var second = gate.StreamEvaluate(new Metadata { { "authorization", token } });
        for (var i = 0; i < 6; i++)
        {
            await first.RequestStream.WriteAsync(StreamChunk($"f{i}", nhs, false, Entry("e1")));
            if (i < 5)
            {
                await second.RequestStream.WriteAsync(StreamChunk($"s{i}", nhs, false, Entry("e1")));
            }
        }

        // A refused one-chunk record on each stream: its answer shows the server has read the chunks before it.
        foreach (var call in new[] { first, second })
        {
            await call.RequestStream.WriteAsync(StreamChunk("probe", "", true));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("probe", call.ResponseStream.Current.RequestId);
        }

        // Eleven are open; on a third stream the twelfth (the limit in this host) opens and the thirteenth ends the stream.
        var (code, detail, _) = await StreamAsync(token, StreamChunk("t1", nhs, false, Entry("e1")), StreamChunk("t2", nhs, false, Entry("e1")));
        await first.RequestStream.CompleteAsync();
        await second.RequestStream.CompleteAsync();
        var (againCode, _, again) = await StreamAsync(token, StreamChunk("later", nhs, true, Entry("e1")));

        Assert.Equal(StatusCode.ResourceExhausted, code);
        Assert.Contains("records open on this server already", detail, StringComparison.Ordinal);
        Assert.Equal((StatusCode.OK, "e1=Visible"), (againCode, Reasons(again, "later")));
    }

    [Fact]
    public async Task StreamEvaluate_DeadlinePassesWhileARecordIsOpen_DeadlineExceeded()
    {
        // On real Kestrel (see WatchChangesTests): the demo practice's patient, a record left open past the deadline.
        using var kestrel = new KestrelHost();
        using var channel = kestrel.CreateChannel();
        var gate = new RecordAccessGate.RecordAccessGateClient(channel);
        var token = $"Bearer {kestrel.Supplier(["gate.evaluate"], GateHost.Ods)}";
        using var call = gate.StreamEvaluate(new Metadata { { "authorization", token } }, DateTime.UtcNow.AddMilliseconds(200));
        await call.RequestStream.WriteAsync(StreamChunk("r", "9434765919", false, Entry("e1")));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task StreamEvaluate_ClientCancelsMidRecord_NothingAuditedAndTheServerStillAnswers()
    {
        var nhs = TestNhs.Make(1);
        var before = (await host.AuditOfAsync(nhs)).Count;
        using var cts = new CancellationTokenSource();
        var content = new PushContent();
        using (var request = GrpcCalls.Request(GateHost.Gate + "StreamEvaluate", content, ("authorization", host.Supplier())))
        {
            var sending = _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            await content.WriteAsync(Chunk("r", nhs, false, Entry("e1")));
            await cts.CancelAsync();
            try
            {
                (await sending).Dispose();
            }
            catch (OperationCanceledException)
            {
                // Cancelled before the response headers arrived.
            }
        }

        var after = await _client.CallAsync(GateHost.Gate + "StreamEvaluate", Chunk("r", nhs, true, Entry("e1")), ("authorization", host.Supplier()));

        Assert.Equal(0, after.StatusCode);
        Assert.Equal(before + 1, (await host.AuditOfAsync(nhs)).Count);
    }

    private static byte[] Chunk(string id, string nhs, bool last, params Entry[] entries) => Frames.Of(StreamChunk(id, nhs, last, entries));

    private static string Reasons(IEnumerable<StreamEvaluateResponse> answers, string requestId) =>
        string.Join(" ", answers.Where(a => a.RequestId == requestId).SelectMany(a => a.Decisions).Select(d => $"{d.EntryId}={d.Reason}"));

    /// <summary>A patient of the other practice (the default supplier token does not serve it).</summary>
    private async Task<string> OtherPracticePatientAsync()
    {
        var nhs = TestNhs.Make(500);
        if (host.Runtime.State.FindPatient(nhs) is null)
        {
            await host.RegisterAsync(500, GateHost.OtherOds);
        }

        return nhs;
    }

    /// <summary>Sends the chunks on one stream through Grpc.Net.Client, half-closes, and reads every answer and the status.</summary>
    private async Task<(StatusCode Code, string Detail, List<StreamEvaluateResponse> Answers)> StreamAsync(string token, params StreamEvaluateRequest[] chunks)
    {
        using var channel = host.CreateChannel();
        using var call = new RecordAccessGate.RecordAccessGateClient(channel).StreamEvaluate(new Metadata { { "authorization", token } });
        var answers = new List<StreamEvaluateResponse>();
        try
        {
            var reading = Task.Run(async () =>
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    answers.Add(call.ResponseStream.Current);
                }
            });
            foreach (var chunk in chunks)
            {
                await call.RequestStream.WriteAsync(chunk);
            }

            await call.RequestStream.CompleteAsync();
            await reading.WaitAsync(TimeSpan.FromSeconds(30));
            return (StatusCode.OK, call.GetStatus().Detail, answers);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.Status.Detail, answers);
        }
    }

    private static StreamEvaluateRequest StreamChunk(string id, string nhs, bool last, params Entry[] entries)
    {
        var chunk = new StreamEvaluateRequest { RequestId = id, NhsNumber = nhs, Last = last };
        chunk.Entries.AddRange(entries);
        return chunk;
    }
}
