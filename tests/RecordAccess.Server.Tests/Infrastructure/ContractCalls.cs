using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// Calls any method of the product's and the tests' contracts by its path through Grpc.Net.Client (the standard .NET
/// client over the test's HttpClient), with a method built from the contract's descriptor: table-driven tests (the
/// authorisation matrix, the corpus) name methods as data and still speak through a real gRPC client.
/// </summary>
internal static class ContractCalls
{
    private static readonly FileDescriptor[] Files =
    [
        GateReflection.Descriptor,
        AdminReflection.Descriptor,
        global::Grpc.Health.V1.HealthReflection.Descriptor,
        Echo.EchoReflection.Descriptor,
        Control.ControlReflection.Descriptor,
    ];

    /// <summary>
    /// One call of a unary or server-streaming method: <paramref name="headers"/> become metadata, except
    /// <c>grpc-timeout</c> ("200m", "2S"), which becomes the call's deadline. A status other than OK is a result, not an exception.
    /// </summary>
    public static Task<RpcResult> CallAsync(this HttpClient client, string path, IMessage request, params (string Name, string Value)[] headers) =>
        client.CallAsync(path, request, stopAfter: null, headers);

    /// <summary>
    /// As above; a server stream is cancelled by the client after <paramref name="stopAfter"/> messages and the result is
    /// OK with those messages (for endless streams such as WatchChanges, when the test only needs to see them answered).
    /// </summary>
    public static async Task<RpcResult> CallAsync(this HttpClient client, string path, IMessage request, int? stopAfter, params (string Name, string Value)[] headers)
    {
        var method = Find(path);
        var metadata = new Metadata();
        DateTime? deadline = null;
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "grpc-timeout", StringComparison.OrdinalIgnoreCase))
            {
                deadline = DateTime.UtcNow + Timeout(value);
            }
            else
            {
                metadata.Add(name, value);
            }
        }

        using var channel = GrpcChannel.ForAddress(client.BaseAddress!, new GrpcChannelOptions
        {
            HttpClient = client,
            DisposeHttpClient = false,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(metadata, deadline);
        var messages = new List<byte[]>();
        try
        {
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(Method(method, MethodType.ServerStreaming), null, options, request);
                while (messages.Count < (stopAfter ?? int.MaxValue) && await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    messages.Add(call.ResponseStream.Current.ToByteArray());
                }

                if (messages.Count == stopAfter)
                {
                    return new RpcResult(0, null, messages);
                }

                return new RpcResult(0, call.GetStatus().Detail, messages);
            }

            using var unary = invoker.AsyncUnaryCall(Method(method, MethodType.Unary), null, options, request);
            messages.Add((await unary.ResponseAsync).ToByteArray());
            return new RpcResult(0, unary.GetStatus().Detail, messages);
        }
        catch (RpcException e)
        {
            return new RpcResult((int)e.StatusCode, e.Status.Detail, messages);
        }
    }

    private static MethodDescriptor Find(string path)
    {
        var parts = path.Trim('/').Split('/');
        var service = Files.SelectMany(f => f.Services).FirstOrDefault(s => s.FullName == parts[0])
            ?? throw new ArgumentException($"No contract has a service '{parts[0]}'.", nameof(path));
        return service.FindMethodByName(parts[1]) ?? throw new ArgumentException($"{parts[0]} has no method '{parts[1]}'.", nameof(path));
    }

    private static Method<IMessage, IMessage> Method(MethodDescriptor method, MethodType type) => new(
        type,
        method.Service.FullName,
        method.Name,
        Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.InputType.Parser.ParseFrom(bytes)),
        Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes)));

    /// <summary>A grpc-timeout value (digits and a unit H, M, S, m, u, n) as a time span.</summary>
    private static TimeSpan Timeout(string value)
    {
        var amount = long.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => throw new ArgumentException($"'{value}' is not a grpc-timeout.", nameof(value)),
        };
    }
}
