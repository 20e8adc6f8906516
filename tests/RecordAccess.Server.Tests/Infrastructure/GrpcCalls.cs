using System.Net.Http.Headers;
using Google.Protobuf;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Raw gRPC calls over HttpClient, for malformed input and wire details: no gRPC client library, only HTTP/2 and frames.</summary>
internal static class GrpcCalls
{
    public const string Echo = "/recordaccess.testing.v1.Echo/";
    public const string Health = "/grpc.health.v1.Health/";

    public static HttpRequestMessage Request(string path, HttpContent content, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        if (content.Headers.ContentType is null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A well-formed message sent as raw frames: for tests of what the wire carries (headers, trailers-only).</summary>
    public static Task<GrpcResult> RawCallAsync(this HttpClient client, string path, IMessage message, params (string Name, string Value)[] headers) =>
        client.CallAsync(path, Frames.Of(message), headers);

    public static async Task<GrpcResult> CallAsync(this HttpClient client, string path, byte[] body, params (string Name, string Value)[] headers)
    {
        using var request = Request(path, new ByteArrayContent(body), headers);
        return await client.SendAndReadAsync(request);
    }

    public static async Task<GrpcResult> SendAndReadAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await ReadToEndAsync(response, cancellationToken);
    }

    public static async Task<GrpcResult> ReadToEndAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var messages = new List<byte[]>();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "application/grpc")
        {
            while (await Frames.ReadAsync(stream, cancellationToken) is { } payload)
            {
                messages.Add(payload);
            }
        }
        else
        {
            await stream.CopyToAsync(Stream.Null, cancellationToken);
        }

        return new GrpcResult(response.StatusCode, response.Headers, response.Content.Headers, messages, response.TrailingHeaders);
    }
}
