using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// Lets a test see what the server observed about one call of an out-of-process client, which names the call with the
/// metadata <c>x-interop-probe: KEY</c>: the probe KEY's <see cref="CallProbe.Probe.Cancelled"/> completes when the
/// server sees the client abandon the call (the request's abort token: a client reset), and
/// <see cref="CallProbe.Probe.Finished"/> when Grpc.AspNetCore logs that the call exceeded its deadline (event DeadlineExceeded, written
/// on the call's own flow, so the header read is the call's).
/// </summary>
internal sealed class ProbeLoggerProvider(IHttpContextAccessor accessor, CallProbe probe) : ILoggerProvider, IStartupFilter
{
    public const string Header = "x-interop-probe";
    public const string WireCategory = "Grpc.AspNetCore.Server";
    private const string DeadlineExceededEvent = "DeadlineExceeded";

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(WireCategory, StringComparison.Ordinal) ? new WireLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, call) =>
        {
            if (context.Request.Headers[Header].ToString() is { Length: > 0 } key)
            {
                var entry = probe.For(key);
                using var registration = context.RequestAborted.Register(() => entry.Cancelled.TrySetResult());
                entry.Started.TrySetResult();
                await call(context);
            }
            else
            {
                await call(context);
            }
        });
        next(app);
    };

    public void Dispose()
    {
    }

    private void Observe(EventId eventId)
    {
        if (string.Equals(eventId.Name, DeadlineExceededEvent, StringComparison.Ordinal) && accessor.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } key)
        {
            probe.For(key).Finished.TrySetResult();
        }
    }

    private sealed class WireLogger(ProbeLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Observe(eventId);
    }
}
