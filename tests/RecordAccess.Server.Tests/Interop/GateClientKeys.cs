using System.Globalization;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>What the gate interop tests give an out-of-process client, and what they check the server saw.</summary>
internal sealed record GateClientKeys(string Cancel, string Deadline)
{
    /// <summary>The practice the demo data switched on; the clients' tokens serve only it.</summary>
    public const string ServedPractice = "A81001";

    public static GateClientKeys Create(string client) =>
        new($"{client}-cancel-{Guid.NewGuid():N}", $"{client}-deadline-{Guid.NewGuid():N}");

    /// <summary>The clients' command-line arguments for the probes and the host's limits.</summary>
    public string[] Arguments() =>
    [
        "--cancel-key", Cancel,
        "--deadline-key", Deadline,
        "--max-message", ServerHost.MaxMessageSize.ToString(CultureInfo.InvariantCulture),
        "--max-entries", InteropHost.MaxEntriesPerRecord.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Real signed supplier tokens from the host's development issuer, passed in the environment.</summary>
    public static Dictionary<string, string> Tokens(ServerHost host)
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RA_TOKEN"] = host.Tokens.MintSupplier("interop-supplier", ["gate.evaluate", "gate.admin"], [ServedPractice], now, TimeSpan.FromMinutes(10)),
            ["RA_TOKEN_EVALUATE_ONLY"] = host.Tokens.MintSupplier("interop-evaluate-only", ["gate.evaluate"], [ServedPractice], now, TimeSpan.FromMinutes(10)),
        };
    }

    /// <summary>
    /// The server saw the client abandon its open StreamEvaluate (the call's abort token fired), and saw the call whose
    /// client deadline passed end early: its own deadline (wire event 5) or the client's reset, whichever came first.
    /// </summary>
    public async Task AssertServerObservedAsync(ServerHost host)
    {
        var cancelled = host.Probe.For(Cancel).Cancelled.Task;
        await cancelled.WaitAsync(TimeSpan.FromSeconds(5));
        var deadline = host.Probe.For(Deadline);
        var ended = await Task.WhenAny(deadline.Cancelled.Task, deadline.Finished.Task).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(ended.IsCompletedSuccessfully);
    }
}
