namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>A request body the test writes to while the call runs (client streaming and duplex calls).</summary>
internal sealed class PushContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task WriteAsync(byte[] bytes)
    {
        var stream = await _stream.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Half-closes: the server sees the end of the request stream.</summary>
    public void Complete() => _completed.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        _stream.TrySetResult(stream);
        await _completed.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
