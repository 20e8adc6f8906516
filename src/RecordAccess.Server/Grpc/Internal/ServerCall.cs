using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>
/// One call on the wire: reads framed requests, writes framed responses, and ends the call exactly once
/// with a status — in the one HEADERS frame when no message was written (trailers-only), else in trailers.
/// A lock orders writes against the deadline, which may end the call while the handler still runs.
/// </summary>
internal sealed class ServerCall : IAsyncDisposable
{
    /// <summary>Longer timeouts are treated as none (timers cannot wait longer; no call should).</summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private readonly HttpContext _httpContext;
    private readonly GrpcCallEnvironment _environment;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CancellationTokenSource _cancellation;
    private readonly TimeSpan? _timeout;
    private readonly MessageReader _reader;
    private ITimer? _deadlineTimer;
    private Task? _deadlineTask;
    private bool _completed;
    private bool _messageWritten;
    private volatile bool _deadlineExceeded;

    public ServerCall(HttpContext httpContext, string method, GrpcCallEnvironment environment)
    {
        _httpContext = httpContext;
        _environment = environment;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        var headers = httpContext.Request.Headers;

        DateTimeOffset? deadline = null;
        if (headers[GrpcProtocol.TimeoutHeader] is { Count: > 0 } timeoutValue)
        {
            if (GrpcTimeout.TryParse(timeoutValue.ToString(), out var timeout))
            {
                if (timeout <= MaxTimerDelay)
                {
                    _timeout = timeout;
                    deadline = environment.TimeProvider.GetUtcNow() + timeout;
                }
            }
            else
            {
                GrpcServerLog.InvalidTimeout(environment.Logger, timeoutValue.ToString());
            }
        }

        var encoding = headers[GrpcProtocol.EncodingHeader] is { Count: > 0 } value ? value.ToString() : null;
        _reader = new MessageReader(httpContext.Request.BodyReader, environment.Options.MaxReceiveMessageSize, encoding);
        Context = new ServerCallContext(httpContext, method, deadline, _cancellation.Token);
    }

    public ServerCallContext Context { get; }

    public HttpContext HttpContext => _httpContext;

    /// <summary>Starts the deadline clock (separate from construction so the timer never sees a half-built call).</summary>
    public void Start()
    {
        if (_timeout is { } timeout)
        {
            _deadlineTimer = _environment.TimeProvider.CreateTimer(
                _ => Volatile.Write(ref _deadlineTask, DeadlineExceededAsync()), null, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The next request message, or null when the client has half-closed.</summary>
    public ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T> => _reader.ReadAsync(parser, Context.CancellationToken);

    /// <summary>Reads exactly one request message (unary and server-streaming calls).</summary>
    public async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Unimplemented, "The method takes exactly one request message, but the request had none.");
        if (await ReadMessageAsync(parser).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Unimplemented, "The method takes exactly one request message, but the request had more than one.");
        }

        return message;
    }

    /// <summary>Frames and writes one response message; <paramref name="flush"/> sends it now (streaming).</summary>
    public async Task WriteMessageAsync<T>(T message, bool flush)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var max = _environment.Options.MaxSendMessageSize;
        if (size > max)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum configured message size of {max} bytes.");
        }

        var token = Context.CancellationToken;
        await _lock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            token.ThrowIfCancellationRequested();
            if (_completed)
            {
                throw new InvalidOperationException("The call has already ended; no more messages can be written.");
            }

            if (!_messageWritten && !_httpContext.Response.HasStarted)
            {
                AppendHeaders(_httpContext.Response.Headers, Context.ResponseHeaders);
            }

            var writer = _httpContext.Response.BodyWriter;
            var header = writer.GetSpan(GrpcProtocol.MessageHeaderSize);
            header[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
            writer.Advance(GrpcProtocol.MessageHeaderSize);
            message.WriteTo(writer);
            _messageWritten = true;
            if (flush)
            {
                var result = await writer.FlushAsync(token).ConfigureAwait(false);
                if (result.IsCanceled || result.IsCompleted)
                {
                    throw new OperationCanceledException("The client has gone.", token);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Ends the call with <paramref name="status"/> unless it has already ended.</summary>
    public async Task CompleteAsync(Status status, bool completeResponse = false)
    {
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (_httpContext.RequestAborted.IsCancellationRequested)
            {
                GrpcServerLog.CancelledByClient(_environment.Logger, Context.Method);
                return;
            }

            WriteStatus(status);
            if (completeResponse)
            {
                await _httpContext.Response.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            GrpcServerLog.StatusNotSent(_environment.Logger, Context.Method, ex);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Ends the call after the handler (or the wire layer) threw.</summary>
    public Task FailAsync(Exception exception)
    {
        var logger = _environment.Logger;
        Status status;
        if (exception is RpcException rpc)
        {
            status = rpc.Status;
            GrpcServerLog.ErrorStatus(logger, Context.Method, status.Code, status.Detail);
        }
        else if (_deadlineExceeded && exception is OperationCanceledException)
        {
            status = DeadlineStatus();
        }
        else if (_httpContext.RequestAborted.IsCancellationRequested)
        {
            status = new Status(StatusCode.Cancelled, "The client cancelled the call.");
        }
        else
        {
            GrpcServerLog.HandlerFailed(logger, Context.Method, exception);
            var detail = _environment.Options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                : "Exception was thrown by handler.";
            status = new Status(StatusCode.Unknown, detail);
        }

        return CompleteAsync(status);
    }

    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null)
        {
            // Waits for a callback in progress, so _deadlineTask is final afterwards.
            await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
            if (Volatile.Read(ref _deadlineTask) is { } deadlineTask)
            {
                await deadlineTask.ConfigureAwait(false);
            }
        }

        _cancellation.Dispose();
        _lock.Dispose();
    }

    private async Task DeadlineExceededAsync()
    {
        _deadlineExceeded = true;
        GrpcServerLog.DeadlineExceeded(_environment.Logger, Context.Method, _timeout ?? TimeSpan.Zero);
        try
        {
            await _cancellation.CancelAsync().ConfigureAwait(false);
        }
        catch (AggregateException ex)
        {
            // A handler's cancellation callback threw; the call still ends with DEADLINE_EXCEEDED.
            GrpcServerLog.HandlerFailed(_environment.Logger, Context.Method, ex);
        }

        await CompleteAsync(DeadlineStatus(), completeResponse: true).ConfigureAwait(false);
    }

    private Status DeadlineStatus() =>
        new(StatusCode.DeadlineExceeded, $"Deadline exceeded: the call did not finish within its grpc-timeout of {_timeout}.");

    private void WriteStatus(Status status)
    {
        var response = _httpContext.Response;
        var code = ((int)status.Code).ToString(CultureInfo.InvariantCulture);
        var message = string.IsNullOrEmpty(status.Detail) ? null : PercentEncoding.Encode(status.Detail);
        if (!_messageWritten && !response.HasStarted)
        {
            // Trailers-only: the status travels in the one HEADERS frame, with END_STREAM.
            var headers = response.Headers;
            AppendHeaders(headers, Context.ResponseHeaders);
            AppendHeaders(headers, Context.ResponseTrailers);
            headers[GrpcProtocol.StatusTrailer] = code;
            if (message is not null)
            {
                headers[GrpcProtocol.MessageTrailer] = message;
            }

            return;
        }

        foreach (var entry in Context.ResponseTrailers)
        {
            response.AppendTrailer(entry.Key, entry.Value);
        }

        response.AppendTrailer(GrpcProtocol.StatusTrailer, code);
        if (message is not null)
        {
            response.AppendTrailer(GrpcProtocol.MessageTrailer, message);
        }
    }

    private static void AppendHeaders(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, entry.Value);
        }
    }
}
