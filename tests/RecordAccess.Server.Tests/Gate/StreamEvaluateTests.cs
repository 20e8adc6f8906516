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
    [InlineData("no-nhs", 3, "nhs_number")]
    [InlineData("nhs-mismatch", 3, "nhs_number: does not match")]
    [InlineData("never-last", 3, "last")]
    [InlineData("too-many-entries", 8, "entries")]
    [InlineData("unknown-patient", 9, "request_id 'r': nhs_number")]
    public async Task StreamEvaluate_BadRecord_EndsTheStreamWithAStatusNamingIt(string problem, int status, string message)
    {
        var nhs = TestNhs.Make(1);
        var body = problem switch
        {
            "empty-request-id" => Chunk("", nhs, true, Entry("e1")),
            "no-nhs" => Chunk("r", "", true, Entry("e1")),
            "nhs-mismatch" => Frames.Concat(Chunk("r", nhs, false, Entry("e1")), Chunk("r", TestNhs.Make(2), true)),
            "never-last" => Chunk("r", nhs, false, Entry("e1")),
            "too-many-entries" => Frames.Concat(
                Chunk("r", nhs, false, [.. Enumerable.Range(0, 600).Select(i => Entry($"x{i}"))]),
                Chunk("r", nhs, true, [.. Enumerable.Range(0, 600).Select(i => Entry($"y{i}"))])),
            _ => Chunk("r", TestNhs.Make(999), true, Entry("e1")),
        };

        var result = await _client.CallAsync(GateHost.Gate + "StreamEvaluate", body, ("authorization", host.Supplier()));

        Assert.Equal(status, result.StatusCode);
        Assert.Contains(message, result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamEvaluate_DeadlinePassesWhileARecordIsOpen_DeadlineExceeded()
    {
        using var channel = host.CreateChannel();
        var gate = new RecordAccessGate.RecordAccessGateClient(channel);
        using var call = gate.StreamEvaluate(new Grpc.Core.Metadata { { "authorization", host.Supplier() } }, DateTime.UtcNow.AddMilliseconds(200));
        await call.RequestStream.WriteAsync(StreamChunk("r", TestNhs.Make(1), false, Entry("e1")));

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Grpc.Core.StatusCode.DeadlineExceeded, error.StatusCode);
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

    private static StreamEvaluateRequest StreamChunk(string id, string nhs, bool last, params Entry[] entries)
    {
        var chunk = new StreamEvaluateRequest { RequestId = id, NhsNumber = nhs, Last = last };
        chunk.Entries.AddRange(entries);
        return chunk;
    }
}
