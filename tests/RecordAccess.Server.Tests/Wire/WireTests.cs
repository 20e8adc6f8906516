using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

/// <summary>
/// The wire layer seen from a raw HTTP/2 client. Every test runs twice: on the in-memory TestServer and on real
/// Kestrel sockets (see the two sealed subclasses).
/// </summary>
public abstract class WireTests(ServerHost host) : IDisposable
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
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "hello" });

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal("application/grpc", result.ContentHeaders.ContentType?.MediaType);
        Assert.Equal("hello", Assert.Single(result.Parse(EchoReply.Parser)).Text);
        Assert.Equal(0, result.StatusCode);
        Assert.False(result.IsTrailersOnly);
    }

    [Fact]
    public async Task Unary_AuthorizationMetadata_ReachesHandler()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "who" }, ("authorization", "Bearer abc.def"));

        Assert.Equal("Bearer abc.def", Assert.Single(result.Parse(EchoReply.Parser)).Authorization);
    }

    [Fact]
    public async Task Unary_HandlerSetsMetadata_HeadersAndTrailersSent()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "metadata" });

        Assert.Equal(0, result.StatusCode);
        Assert.Equal("from-handler", result.Headers.GetValues("echo-header").Single());
        Assert.Equal("after-message", result.Trailers.GetValues("echo-trailer").Single());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 1, 2, 255 }).TrimEnd('='), result.Trailers.GetValues("echo-trailer-bin").Single());
    }

    [Fact]
    public async Task ServerStreaming_RepeatThree_ReturnsThreeMessagesThenOk()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "ServerStream", new EchoRequest { Text = "s", Repeat = 3 });

        Assert.Equal([0, 1, 2], result.Parse(EchoReply.Parser).Select(r => r.Index));
        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ZeroMessages_ReturnsTrailersOnlyOk()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "ServerStream", new EchoRequest { Text = "none", Repeat = 0 });

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
    public async Task Duplex_FailingRequestAfterOneReply_EndsWithStatusInTrailers()
    {
        var content = new PushContent();
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "Duplex", content);
        var sending = Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await content.WriteAsync(Frames.Of(new EchoRequest { Text = "one" }));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        var stream = await response.Content.ReadAsStreamAsync();
        Assert.NotNull(await Frames.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(10)));

        await content.WriteAsync(Frames.Of(new EchoRequest { FailCode = (int)Grpc.StatusCode.PermissionDenied, FailMessage = "not your practice" }));
        var end = await Frames.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(10));
        content.Complete();

        Assert.Null(end);
        Assert.Equal("7", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal("not your practice", response.TrailingHeaders.GetValues("grpc-message").Single());
    }

    [Fact]
    public async Task Calls_ManyConcurrentOnOneConnection_EachGetsItsOwnAnswer()
    {
        var unary = Enumerable.Range(0, 100).Select(async i =>
        {
            var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = $"u{i}" });
            return (result.StatusCode, Text: Assert.Single(result.Parse(EchoReply.Parser)).Text, Expected: $"u{i}");
        });
        var streams = Enumerable.Range(0, 10).Select(async i =>
        {
            var result = await Client.CallAsync(GrpcCalls.Echo + "ServerStream", new EchoRequest { Text = $"s{i}", Repeat = 20 });
            return (result.StatusCode, Text: string.Join("", result.Parse(EchoReply.Parser).Select(r => r.Text).Distinct()), Expected: $"s{i}");
        });

        var results = await Task.WhenAll(unary.Concat(streams)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, r => Assert.Equal((0, r.Expected), (r.StatusCode ?? -1, r.Text)));
    }

    [Fact]
    public async Task Unary_HandlerFailsBeforeAnyMessage_ReturnsTrailersOnly()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary",
            new EchoRequest { FailCode = (int)Grpc.StatusCode.InvalidArgument, FailMessage = "patient.nhsNumber: fails the check digit" });

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.True(result.IsTrailersOnly);
        Assert.Empty(result.Messages);
        Assert.Equal(3, result.StatusCode);
        Assert.Equal("patient.nhsNumber: fails the check digit", result.StatusMessage);
        Assert.Equal("application/grpc", result.ContentHeaders.ContentType?.MediaType);
    }

    [Fact]
    public async Task ServerStreaming_FailsAfterTwoMessages_SendsBothThenStatusInTrailers()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "ServerStream",
            new EchoRequest { Repeat = 5, FailAfter = 2, FailCode = (int)Grpc.StatusCode.FailedPrecondition, FailMessage = "stale" });

        Assert.Equal(2, result.Messages.Count);
        Assert.False(result.IsTrailersOnly);
        Assert.Equal(9, result.StatusCode);
        Assert.Equal("stale", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_ErrorMessageWithPercentAndNonAscii_IsPercentEncodedUtf8()
    {
        const string message = "100% sûr — ✓ 患者 😀";

        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary",
            new EchoRequest { FailCode = (int)Grpc.StatusCode.InvalidArgument, FailMessage = message });

        Assert.Equal("100%25 s%C3%BBr %E2%80%94 %E2%9C%93 %E6%82%A3%E8%80%85 %F0%9F%98%80", result.RawStatusMessage);
        Assert.Equal(message, result.StatusMessage);
    }

    [Fact]
    public async Task Unary_GrpcTimeoutPasses_ReturnsDeadlineExceededAndCancelsHandler()
    {
        var key = $"deadline-{Guid.NewGuid()}";
        var watch = Stopwatch.StartNew();

        var result = await Client.CallAsync(GrpcCalls.Echo + "WaitForCancellation", new EchoRequest { Text = key }, ("grpc-timeout", "200m"));

        Assert.Equal(4, result.StatusCode);
        Assert.Contains("Deadline exceeded", result.StatusMessage, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
        await host.Probe.For(key).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ServerStreaming_ClientAbandonsStream_HandlerEndsAndServerKeepsServing()
    {
        var key = $"abandon-{Guid.NewGuid()}";
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "ServerStream", new ByteArrayContent(Frames.Of(new EchoRequest { Text = key, Repeat = 1_000_000, DelayMs = 1 })));
        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        Assert.NotNull(await Frames.ReadAsync(stream));
        Assert.NotNull(await Frames.ReadAsync(stream));

        response.Dispose();

        await host.Probe.For(key).Finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, (await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_DeadlinePassesMidStream_MessagesThenDeadlineExceeded()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "ServerStream",
            new EchoRequest { Repeat = 1000, DelayMs = 50 }, ("grpc-timeout", "300000u"));

        Assert.InRange(result.Messages.Count, 1, 100);
        Assert.Equal(4, result.StatusCode);
    }

    [Fact]
    public async Task Unary_InvalidGrpcTimeout_IsIgnored()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "t" }, ("grpc-timeout", "123456789S"));

        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task Call_ClientCancels_HandlerTokenIsCancelled()
    {
        var key = $"cancel-{Guid.NewGuid()}";
        using var cts = new CancellationTokenSource();
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "WaitForCancellation", new ByteArrayContent(Frames.Of(new EchoRequest { Text = key })));
        var call = Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await host.Probe.For(key).Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cts.CancelAsync();

        try
        {
            // Sockets: the pending call throws. TestServer may instead complete it with the (empty) response.
            using var response = await call;
        }
        catch (OperationCanceledException)
        {
        }

        await host.Probe.For(key).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var after = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "still serving" });
        Assert.Equal(0, after.StatusCode);
    }

    [Fact]
    public async Task Call_UnknownMethodOfKnownService_ReturnsUnimplemented()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Nope", new EchoRequest());

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal(12, result.StatusCode);
        Assert.True(result.IsTrailersOnly);
        Assert.Equal("Method 'Nope' is not implemented by service 'recordaccess.testing.v1.Echo'.", result.StatusMessage);
    }

    [Fact]
    public async Task Call_UnknownService_ReturnsUnimplemented()
    {
        var result = await Client.CallAsync("/no.such.Service/Method", new EchoRequest());

        Assert.Equal(12, result.StatusCode);
        Assert.Equal("Service 'no.such.Service' is not implemented by this server.", result.StatusMessage);
    }

    [Fact]
    public async Task Call_WrongContentType_Returns415()
    {
        var content = new ByteArrayContent(Frames.Of(new EchoRequest()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "Unary", content);

        var result = await Client.SendAndReadAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, result.HttpStatus);
    }

    [Fact]
    public async Task Call_GrpcJsonContentType_Returns415()
    {
        var content = new ByteArrayContent(Frames.Of(new EchoRequest()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc+json");
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "Unary", content);

        var result = await Client.SendAndReadAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, result.HttpStatus);
    }

    [Fact]
    public async Task Call_GrpcProtoContentType_IsServed()
    {
        var content = new ByteArrayContent(Frames.Of(new EchoRequest { Text = "p" }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc+proto");
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "Unary", content);

        var result = await Client.SendAndReadAsync(request);

        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task Call_GetOnKnownMethod_Returns405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GrpcCalls.Echo + "Unary") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Unary_RequestLargerThanMaximum_ReturnsResourceExhausted()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = new string('x', ServerHost.MaxMessageSize + 1) });

        Assert.Equal(8, result.StatusCode);
        Assert.Contains("exceeds the maximum configured message size of 65536 bytes", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_DeclaredLengthLargerThanMaximum_ReturnsResourceExhaustedWithoutWaitingForTheBody()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2, 3], declaredLength: uint.MaxValue));

        Assert.Equal(8, result.StatusCode);
    }

    [Fact]
    public async Task Unary_ReplyLargerThanMaximum_ReturnsResourceExhausted()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { ReplyPadding = ServerHost.MaxMessageSize });

        Assert.Empty(result.Messages);
        Assert.Equal(8, result.StatusCode);
        Assert.Contains("Sending message of", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_TruncatedFrame_ReturnsInternalNamingTheShortfall()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of(new byte[10], declaredLength: 100));

        Assert.Equal(13, result.StatusCode);
        Assert.Equal("Incomplete message: the frame header announced 100 bytes but the request ended after 10.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_TruncatedFrameHeader_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", [0, 0, 0]);

        Assert.Equal(13, result.StatusCode);
        Assert.Contains("inside a frame header", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_GarbageProtobuf_ReturnsInternalNamingTheMessageType()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Equal(13, result.StatusCode);
        Assert.StartsWith("The request message is not a valid EchoRequest (protobuf)", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_InvalidCompressedFlag_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([], compressedFlag: 7));

        Assert.Equal(13, result.StatusCode);
        Assert.Contains("compressed-flag is 7", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_CompressedWithoutEncodingHeader_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2], compressedFlag: 1));

        Assert.Equal(13, result.StatusCode);
        Assert.Contains("no grpc-encoding", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_CompressedWithUnsupportedEncoding_ReturnsUnimplementedAndAcceptedEncodings()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2], compressedFlag: 1), ("grpc-encoding", "snappy"));

        Assert.Equal(12, result.StatusCode);
        Assert.Contains("'snappy' is not supported", result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal("identity,gzip", result.Value("grpc-accept-encoding"));
    }

    [Fact]
    public async Task Unary_GzipCompressedRequest_IsDecompressed()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary",
            Frames.Of(Gzip(new EchoRequest { Text = new string('z', 5000) }.ToByteArray()), compressedFlag: 1), ("grpc-encoding", "gzip"));

        Assert.Equal(0, result.StatusCode);
        Assert.Equal(5000, Assert.Single(result.Parse(EchoReply.Parser)).Text.Length);
    }

    [Fact]
    public async Task Unary_GzipExpandingPastMaximum_ReturnsResourceExhausted()
    {
        var bomb = Gzip(new EchoRequest { Text = new string('x', 10 * ServerHost.MaxMessageSize) }.ToByteArray());

        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of(bomb, compressedFlag: 1), ("grpc-encoding", "gzip"));

        Assert.True(bomb.Length < 2000);
        Assert.Equal(8, result.StatusCode);
        Assert.Contains("once decompressed", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_GarbageGzip_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2, 3, 4, 5, 6, 7, 8], compressedFlag: 1), ("grpc-encoding", "gzip"));

        Assert.Equal(13, result.StatusCode);
        Assert.Contains("could not be decompressed (gzip)", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_UncompressedMessageWithGzipEncodingHeader_IsAccepted()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "flag 0" }, ("grpc-encoding", "gzip"));

        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task Unary_NoRequestMessage_ReturnsUnimplemented()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", []);

        Assert.Equal(12, result.StatusCode);
        Assert.Contains("had none", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_TwoRequestMessages_ReturnsUnimplemented()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Concat(Frames.Of(new EchoRequest()), Frames.Of(new EchoRequest())));

        Assert.Equal(12, result.StatusCode);
        Assert.Contains("more than one", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientStreaming_GarbageSecondMessage_ReturnsInternal()
    {
        var body = Frames.Concat(Frames.Of(new EchoRequest { Text = "ok" }), Frames.Of([0x0A, 0x05, 0x61]));

        var result = await Client.CallAsync(GrpcCalls.Echo + "ClientStream", body);

        Assert.Equal(13, result.StatusCode);
        Assert.Empty(result.Messages);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}

public sealed class InMemoryWireTests(InMemoryHost host) : WireTests(host), IClassFixture<InMemoryHost>;

public sealed class KestrelWireTests(KestrelHost host) : WireTests(host), IClassFixture<KestrelHost>
{
    // Kestrel only: TestServer ends a response when the request delegate returns, and the wire layer rightly
    // waits for a handler that ignores its token before returning (its HttpContext must stay valid).
    [Fact]
    public async Task Unary_HandlerIgnoresDeadline_ClientGetsDeadlineExceededWhileHandlerRuns()
    {
        var key = $"hold-{Guid.NewGuid()}";
        var probe = host.Probe.For(key);

        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = key, HoldUntilReleased = true }, ("grpc-timeout", "100m"));

        Assert.False(probe.Finished.Task.IsCompleted);
        Assert.Equal(4, result.StatusCode);
        Assert.Empty(result.Messages);
        probe.Release.SetResult();
        await probe.Finished.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await Client.CallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }
}
