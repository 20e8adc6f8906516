using RecordAccess.Server.Contracts.V1;
using Xunit;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>An open WatchChanges call read frame by frame; disposing it cancels the call (RST_STREAM).</summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;
    private readonly CancellationToken _cancellationToken;

    private WatchStream(HttpRequestMessage request, HttpResponseMessage response, Stream stream, CancellationToken cancellationToken)
    {
        _request = request;
        _response = response;
        _stream = stream;
        _cancellationToken = cancellationToken;
    }

    public static async Task<WatchStream> OpenAsync(HttpClient client, WatchChangesRequest message, string token, CancellationToken cancellationToken)
    {
        var request = GrpcCalls.Request(AdminCalls.Admin + "WatchChanges", new ByteArrayContent(Frames.Of(message)), ("authorization", $"Bearer {token}"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new WatchStream(request, response, await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken);
    }

    public async Task<ChangeEvent> NextAsync()
    {
        var frame = await Frames.ReadAsync(_stream, _cancellationToken);
        Assert.True(frame is not null, "the stream ended: " + string.Join(", ", _response.TrailingHeaders.Select(h => $"{h.Key}={string.Join(',', h.Value)}")));
        return ChangeEvent.Parser.ParseFrom(frame);
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

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _response.Dispose();
        _request.Dispose();
    }
}
