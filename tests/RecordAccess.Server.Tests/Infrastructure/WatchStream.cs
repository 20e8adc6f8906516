using Grpc.Core;
using Grpc.Net.Client;
using RecordAccess.Server.Contracts.V1;
using Xunit;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>An open WatchChanges call through Grpc.Net.Client, read event by event; disposing it cancels the call.</summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncServerStreamingCall<ChangeEvent> _call;
    private readonly CancellationToken _cancellationToken;

    private WatchStream(GrpcChannel channel, AsyncServerStreamingCall<ChangeEvent> call, CancellationToken cancellationToken)
    {
        _channel = channel;
        _call = call;
        _cancellationToken = cancellationToken;
    }

    public static async Task<WatchStream> OpenAsync(HttpClient client, WatchChangesRequest message, string token, CancellationToken cancellationToken)
    {
        var channel = GrpcChannel.ForAddress(client.BaseAddress!, new GrpcChannelOptions { HttpClient = client, DisposeHttpClient = false });
        var call = new RecordAccessAdmin.RecordAccessAdminClient(channel)
            .WatchChanges(message, new Metadata { { "authorization", $"Bearer {token}" } }, cancellationToken: cancellationToken);
        await call.ResponseHeadersAsync;
        return new WatchStream(channel, call, cancellationToken);
    }

    public async Task<ChangeEvent> NextAsync()
    {
        if (!await _call.ResponseStream.MoveNext(_cancellationToken))
        {
            Assert.Fail("the stream ended: " + _call.GetStatus());
        }

        return _call.ResponseStream.Current;
    }

    /// <summary>Every event up to and including the first that matches.</summary>
    public async Task<List<ChangeEvent>> UntilAsync(Func<ChangeEvent, bool> last)
    {
        var events = new List<ChangeEvent>();
        do
        {
            events.Add(await NextAsync());
        }
        while (!last(events[^1]));
        return events;
    }

    /// <summary>The events still to come and how the stream ended (OK if it ended without an error).</summary>
    public async Task<(List<ChangeEvent> Events, Status Status)> RestAsync()
    {
        var events = new List<ChangeEvent>();
        try
        {
            while (await _call.ResponseStream.MoveNext(_cancellationToken))
            {
                events.Add(_call.ResponseStream.Current);
            }

            return (events, _call.GetStatus());
        }
        catch (RpcException e)
        {
            return (events, e.Status);
        }
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
