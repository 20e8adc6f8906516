using Google.Protobuf;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

/// <summary>Limits and malformed input: every case ends in a status with a clear message.</summary>
public abstract partial class WireTests
{
    [Fact]
    public async Task Unary_RequestLargerThanMaximum_ReturnsResourceExhausted()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = new string('x', ServerHost.MaxMessageSize + 1) });

        Assert.Equal(8, result.StatusCode);
        Assert.Equal("Received message exceeds the maximum configured message size.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_DeclaredLengthLargerThanMaximum_ReturnsResourceExhaustedWithoutWaitingForTheBody()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2, 3], declaredLength: ServerHost.MaxMessageSize + 1));
        var overflowing = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2, 3], declaredLength: uint.MaxValue));

        Assert.Equal(8, result.StatusCode);
        Assert.NotEqual(0, overflowing.StatusCode ?? 0);
        Assert.Equal(0, (await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }

    [Fact]
    public async Task Unary_ReplyLargerThanMaximum_ReturnsResourceExhausted()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { ReplyPadding = ServerHost.MaxMessageSize });

        Assert.Empty(result.Messages);
        Assert.Equal(8, result.StatusCode);
        Assert.Equal("Sending message exceeds the maximum configured message size.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_TruncatedFrame_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of(new byte[10], declaredLength: 100));

        Assert.Equal(13, result.StatusCode);
        Assert.Equal("Incomplete message.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_TruncatedFrameHeader_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", [0, 0, 0]);

        Assert.Equal(13, result.StatusCode);
        Assert.Equal("Incomplete message.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_GarbageProtobuf_ReturnsUnknownWithoutInternals()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));

        // Grpc.AspNetCore parses before any handler or interceptor runs, and answers UNKNOWN without the parser's detail.
        Assert.Equal(2, result.StatusCode);
        Assert.Equal("Exception was thrown by handler.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_InvalidCompressedFlag_ReturnsAnError()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([], compressedFlag: 7));

        Assert.Equal(2, result.StatusCode);
        Assert.Equal(0, (await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }

    [Fact]
    public async Task Unary_CompressedWithoutEncodingHeader_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2], compressedFlag: 1));

        Assert.Equal(13, result.StatusCode);
        Assert.Contains("did not include grpc-encoding", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_CompressedWithUnsupportedEncoding_ReturnsUnimplementedAndAcceptedEncodings()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2], compressedFlag: 1), ("grpc-encoding", "snappy"));

        Assert.Equal(12, result.StatusCode);
        Assert.Equal("Unsupported grpc-encoding value 'snappy'. Supported encodings: identity, gzip, deflate", result.StatusMessage);
        Assert.Contains("gzip", result.Value("grpc-accept-encoding"), StringComparison.Ordinal);
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
        Assert.Equal("Received message exceeds the maximum configured message size.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_GarbageGzip_ReturnsAnError()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Of([1, 2, 3, 4, 5, 6, 7, 8], compressedFlag: 1), ("grpc-encoding", "gzip"));

        Assert.Equal(2, result.StatusCode);
        Assert.Equal(0, (await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }

    [Fact]
    public async Task Unary_UncompressedMessageWithGzipEncodingHeader_IsAccepted()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "flag 0" }, ("grpc-encoding", "gzip"));

        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task Unary_NoRequestMessage_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", []);

        Assert.Equal(13, result.StatusCode);
        Assert.Equal("Incomplete message.", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_TwoRequestMessages_ReturnsInternal()
    {
        var result = await Client.CallAsync(GrpcCalls.Echo + "Unary", Frames.Concat(Frames.Of(new EchoRequest()), Frames.Of(new EchoRequest())));

        Assert.Equal(13, result.StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_GarbageSecondMessage_ReturnsAnError()
    {
        var body = Frames.Concat(Frames.Of(new EchoRequest { Text = "ok" }), Frames.Of([0x0A, 0x05, 0x61]));

        var result = await Client.CallAsync(GrpcCalls.Echo + "ClientStream", body);

        Assert.Equal(2, result.StatusCode);
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
