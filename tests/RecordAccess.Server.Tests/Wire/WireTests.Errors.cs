using System.Net;
using System.Net.Http.Headers;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

/// <summary>Statuses, deadlines, cancellation and HTTP-level refusals.</summary>
public abstract partial class WireTests
{
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

        await content.WriteAsync(Frames.Of(new EchoRequest { FailCode = (int)global::Grpc.Core.StatusCode.PermissionDenied, FailMessage = "not your practice" }));
        var end = await Frames.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(10));
        content.Complete();

        Assert.Null(end);
        Assert.Equal("7", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal("not your practice", response.TrailingHeaders.GetValues("grpc-message").Single());
    }

    [Fact]
    public async Task Unary_HandlerFailsBeforeAnyMessage_ReturnsTrailersOnly()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary",
            new EchoRequest { FailCode = (int)global::Grpc.Core.StatusCode.InvalidArgument, FailMessage = "patient.nhsNumber: fails the check digit" });

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
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "ServerStream",
            new EchoRequest { Repeat = 5, FailAfter = 2, FailCode = (int)global::Grpc.Core.StatusCode.FailedPrecondition, FailMessage = "stale" });

        Assert.Equal(2, result.Messages.Count);
        Assert.False(result.IsTrailersOnly);
        Assert.Equal(9, result.StatusCode);
        Assert.Equal("stale", result.StatusMessage);
    }

    [Fact]
    public async Task Unary_ErrorMessageWithPercentAndNonAscii_IsPercentEncodedUtf8()
    {
        const string message = "100% sûr — ✓ 患者 😀";

        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary",
            new EchoRequest { FailCode = (int)global::Grpc.Core.StatusCode.InvalidArgument, FailMessage = message });

        Assert.Equal("100%25 s%C3%BBr %E2%80%94 %E2%9C%93 %E6%82%A3%E8%80%85 %F0%9F%98%80", result.RawStatusMessage);
        Assert.Equal(message, result.StatusMessage);
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
        Assert.Equal(0, (await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "after" })).StatusCode);
    }

    [Fact]
    public async Task Unary_InvalidGrpcTimeout_IsIgnored()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "t" }, ("grpc-timeout", "123456789S"));

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
        var after = await Client.RawCallAsync(GrpcCalls.Echo + "Unary", new EchoRequest { Text = "still serving" });
        Assert.Equal(0, after.StatusCode);
    }

    [Fact]
    public async Task Call_UnknownMethodOfKnownService_ReturnsUnimplemented()
    {
        var result = await Client.RawCallAsync(GrpcCalls.Echo + "Nope", new EchoRequest());

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal(12, result.StatusCode);
        Assert.True(result.IsTrailersOnly);
        Assert.Equal("Method is unimplemented.", result.StatusMessage);
    }

    [Fact]
    public async Task Call_UnknownService_ReturnsUnimplemented()
    {
        var result = await Client.RawCallAsync("/no.such.Service/Method", new EchoRequest());

        Assert.Equal(12, result.StatusCode);
        Assert.Equal("Service is unimplemented.", result.StatusMessage);
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
    public async Task Call_GrpcProtoContentType_IsServed()
    {
        var content = new ByteArrayContent(Frames.Of(new EchoRequest { Text = "p" }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc+proto");
        using var request = GrpcCalls.Request(GrpcCalls.Echo + "Unary", content);

        var result = await Client.SendAndReadAsync(request);

        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task Call_GetOnKnownMethod_IsNotAGrpcCall()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GrpcCalls.Echo + "Unary") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await Client.SendAsync(request);

        // Grpc.AspNetCore maps each method for POST only.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
    }
}
