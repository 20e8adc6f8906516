using Google.Protobuf;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>A finished call as Grpc.Net.Client saw it: the status, its message, and the response messages received.</summary>
internal sealed record RpcResult(int? StatusCode, string? StatusMessage, IReadOnlyList<byte[]> Messages)
{
    public IReadOnlyList<T> Parse<T>(MessageParser<T> parser)
        where T : IMessage<T> => [.. Messages.Select(parser.ParseFrom)];

    public override string ToString() =>
        $"grpc-status {StatusCode}, grpc-message '{StatusMessage}', {Messages.Count} message(s)";
}
