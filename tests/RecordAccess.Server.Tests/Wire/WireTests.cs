using System.Diagnostics;
using System.Net;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

/// <summary>
/// The wire layer seen from a raw HTTP/2 client. Every test runs twice: on the in-memory TestServer and on real
/// Kestrel sockets (see the two sealed subclasses).
/// </summary>
public abstract partial class WireTests(ServerHost host) : IDisposable
{
    protected HttpClient Client { get; } = host.CreateGrpcClient();

    public void Dispose()
    {
        Client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Unary_ValidRequest_ReturnsReplyAndOkInTrailers()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "hello" });

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal("application/grpc", result.ContentHeaders.ContentType?.MediaType);
        Assert.Equal("hello", Assert.Single(result.Parse(EchoReply.Parser)).Text);
        Assert.Equal(0, result.StatusCode);
        Assert.False(result.IsTrailersOnly);
    }

    [Fact]
    public async Task Unary_AuthorizationMetadata_ReachesHandler()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "who" }, ("authorization", "Bearer abc.def"));

        Assert.Equal("Bearer abc.def", Assert.Single(result.Parse(EchoReply.Parser)).Authorization);
    }

    [Fact]
    public async Task Unary_HandlerSetsMetadata_HeadersAndTrailersSent()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "metadata" });

        Assert.Equal(0, result.StatusCode);
        Assert.Equal("from-handler", result.Headers.GetValues("echo-header").Single());
        Assert.Equal("after-message", result.Trailers.GetValues("echo-trailer").Single());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 1, 2, 255 }), result.Trailers.GetValues("echo-trailer-bin").Single());
    }

    [Fact]
    public async Task ServerStreaming_RepeatThree_ReturnsThreeMessagesThenOk()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "ServerStream", new EchoRequest { Text = "s", Repeat = 3 });

        Assert.Equal([0, 1, 2], result.Parse(EchoReply.Parser).Select(r => r.Index));
        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ZeroMessages_ReturnsTrailersOnlyOk()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "ServerStream", new EchoRequest { Text = "none", Repeat = 0 });

        Assert.Empty(result.Messages);
        Assert.Equal(0, result.StatusCode);
        Assert.True(result.IsTrailersOnly);
    }

    [Fact]
    public async Task ClientStreaming_ThreeMessagesInOneBody_ReturnsTheirCount()
    {
        var body = Frames.Concat(Frames.Of(new EchoRequest { Text = "a" }), Frames.Of(new EchoRequest { Text = "b" }), Frames.Of(new EchoRequest { Text = "c" }));

        var result = await Client.CallAsync(GrpcCalls.Echo + "ClientStream", body);

        var reply = Assert.Single(result.Parse(EchoReply.Parser));
        Assert.Equal(3, reply.Count);
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_NoMessages_ReturnsCountZero()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "ClientStream", []);

        Assert.Equal(0, Assert.Single(result.Parse(EchoReply.Parser)).Count);
        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task Duplex_WriteOneReadOne_EachReplyArrivesBeforeTheNextRequest()
    {
        var content = new PushContent();
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "Duplex", content);
        var sending = Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await content.WriteAsync(Frames.Of(new EchoRequest { Text = "one" }));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        var stream = await response.Content.ReadAsStreamAsync();
        var first = EchoReply.Parser.ParseFrom(await Frames.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(10)));
        await content.WriteAsync(Frames.Of(new EchoRequest { Text = "two" }));
        var second = EchoReply.Parser.ParseFrom(await Frames.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(10)));
        content.Complete();
        var end = await Frames.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(("one", 0), (first.Text, first.Index));
        Assert.Equal(("two", 1), (second.Text, second.Index));
        Assert.Null(end);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Calls_ManyConcurrentOnOneConnection_EachGetsItsOwnAnswer()
    {
        var unary = Enumerable.Range(0, 100).Select(async i =>
        {
            var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = $"u{i}" });
            return (result.StatusCode, Text: Assert.Single(result.Parse(EchoReply.Parser)).Text, Expected: $"u{i}");
        });
        var streams = Enumerable.Range(0, 10).Select(async i =>
        {
            var result = await Client.RawCallAsync(GrpcCalls.Echo + "ServerStream", new EchoRequest { Text = $"s{i}", Repeat = 20 });
            return (result.StatusCode, Text: string.Join("", result.Parse(EchoReply.Parser).Select(r => r.Text).Distinct()), Expected: $"s{i}");
        });

        var results = await Task.WhenAll(unary.Concat(streams)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, r => Assert.Equal((0, r.Expected), (r.StatusCode ?? -1, r.Text)));
    }
}

public sealed class InMemoryWireTests(InMemoryHost host) : WireTests(host), IClassFixture<InMemoryHost>;

public sealed class KestrelWireTests(KestrelHost host) : WireTests(host), IClassFixture<KestrelHost>
{
    // Deadlines on Kestrel only: when a deadline passes, Grpc.AspNetCore sends the status and then resets the
    // HTTP/2 stream, which TestServer surfaces as an exception instead of the trailers a real client reads.
    [Fact]
    public async Task Unary_GrpcTimeoutPasses_ReturnsDeadlineExceededAndCancelsHandler()
    {
        var key = $"deadline-{Guid.NewGuid()}";
        var watch = Stopwatch.StartNew();

        var result = await Client.RawCallAsync(GrpcCalls.Echo + "WaitForCancellation", new EchoRequest { Text = key }, ("grpc-timeout", "200m"));

        Assert.Equal(4, result.StatusCode);
        Assert.Equal("Deadline Exceeded", result.StatusMessage);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
        await host.Probe.For(key).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ServerStreaming_DeadlinePassesMidStream_MessagesThenDeadlineExceeded()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "ServerStream",
            new EchoRequest { Repeat = 1000, DelayMs = 50 }, ("grpc-timeout", "300000u"));

        Assert.InRange(result.Messages.Count, 1, 100);
        Assert.Equal(4, result.StatusCode);
    }

    [Fact]
    public async Task Unary_HandlerIgnoresDeadline_ClientGetsDeadlineExceededWhileHandlerRuns()
    {
        var key = $"hold-{Guid.NewGuid()}";
        var probe = host.Probe.For(key);

        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = key, HoldUntilReleased = true }, ("grpc-timeout", "100m"));

        Assert.False(probe.Finished.Task.IsCompleted);
        Assert.Equal(4, result.StatusCode);
        Assert.Empty(result.Messages);
        probe.Release.SetResult();
        await probe.Finished.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }
}
