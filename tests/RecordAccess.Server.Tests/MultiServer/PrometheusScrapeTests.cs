using System.Globalization;
using System.Text.RegularExpressions;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using RecordAccess.Storage;
using Xunit;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Issue 13 operations: a real server process on PostgreSQL, scraped over HTTP/1.1 at <c>/metrics</c> (Prometheus text
/// format, decision 0101) after real calls, shows every instrument docs/operations.md tells operators to alert on.
/// </summary>
[Collection(nameof(MultiServerProcesses))]
public sealed partial class PrometheusScrapeTests : IAsyncLifetime
{
    private ServerFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await ServerFleet.StartAsync(count: 1, settings: new Dictionary<string, string>
    {
        ["FeatureManagement__RuleSet2025"] = "false",
        ["FeatureManagement__RuleSet2025Shadow"] = "true",
    });

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterCalls_ShowDecisionsAuditLatencyStateVersionFollowerLagAndShadowDifferences()
    {
        var server = _fleet.Servers[0];
        var (nhs, _) = await _fleet.RegisterPatientAsync(server);

        // A 104 in force, then a 106 dated next month: rule set 2024.1 lets the 106 open the record, 2025.1 (in shadow)
        // does not yet, so each decision is one shadow difference. The admin refuses future-dated codes, so the 106 is
        // written by another writer on the same log whose clock is two months ahead (the server follows the log).
        long version;
        await using (var store = await PolicyStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = _fleet.ConnectionString }))
        {
            using var state = new PolicyState();
            var admin = new PolicyAdmin(store, state, new FixedClock(DateTimeOffset.UtcNow.AddDays(60)));
            await admin.CatchUpAsync();
            var staff = new ChangeContext(RecordAccess.Core.Policy.Actor.Staff(AdminCalls.StaffId, AdminCalls.Practice, AdminCalls.Role), "access code");
            Assert.True((await admin.RecordPatientCodeAsync(staff, nhs, "1364731000000104", "2024-01-01")).Succeeded);
            var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var written = await admin.RecordPatientCodeAsync(staff, nhs, "1364751000000106", future);
            Assert.True(written.Succeeded, written.ToString());
            version = written.Version;
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Reason.Visible, await _fleet.ReasonAsync(server, nhs, (ulong)version));
        }

        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.DoesNotContain(nhs, text, StringComparison.Ordinal);

        var samples = Samples(text);
        string Why(string name) => $"{name} in:\n{text}";
        Assert.True(Value(samples, "recordaccess_gate_decisions_total", "reason=\"Visible\"") >= 3, Why("decisions by reason"));
        Assert.True(Value(samples, "recordaccess_gate_shadow_differences_total") >= 3, Why("shadow differences"));
        Assert.True(Value(samples, "recordaccess_audit_commit_duration_seconds_count", "provider=\"postgres\"") >= 1, Why("audit commits"));
        Assert.InRange(Value(samples, "recordaccess_audit_commit_duration_seconds_sum", "provider=\"postgres\""), 1e-6, 60);
        Assert.True(Value(samples, "recordaccess_audit_records_total", "provider=\"postgres\"") >= 3, Why("audit records"));
        Assert.True(Value(samples, "recordaccess_policy_state_version") >= version, Why("state version"));
        Assert.InRange(Value(samples, "recordaccess_policy_follower_lag_versions"), 0, 0);
        Assert.InRange(Value(samples, "recordaccess_policy_follower_lag_ms_milliseconds"), 0, 2_000);
    }

    /// <summary>Every sample line of the text format as (name, labels, value).</summary>
    private static List<(string Name, string Labels, double Value)> Samples(string text) =>
        [.. SampleLine().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value, double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))];

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels contain <paramref name="label"/>; fails when there is none.</summary>
    private static double Value(List<(string Name, string Labels, double Value)> samples, string name, string label = "")
    {
        var matching = samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count > 0, $"no sample {name}{{{label}}} among: {string.Join(", ", samples.Select(s => s.Name).Distinct())}");
        return matching.Sum(s => s.Value);
    }

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)(?:\s+\d+)?$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
