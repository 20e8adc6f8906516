using System.Diagnostics;
using System.Net.Http.Headers;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Hosting;

/// <summary>OpenTelemetry spans of real calls, captured with the in-memory exporter: what an operator sees, and what never leaves.</summary>
public sealed class TelemetryTests(TelemetryTests.Host host) : IClassFixture<TelemetryTests.Host>, IAsyncLifetime
{
    private string _nhs = "";

    public async Task InitializeAsync()
    {
        if (host.Runtime.State.PracticeCount == 0)
        {
            await host.SeedPracticesAsync();
        }

        _nhs = await host.RegisterAsync(Random.Shared.Next(2_000, 9_000_000));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GateCall_AnsweredAndRefused_EachSpanNamesTheMethodAndItsGrpcStatus()
    {
        using var channel = host.CreateChannel();
        var gate = new RecordAccessGate.RecordAccessGateClient(channel);
        var (trace, traceparent) = NewTrace();

        await gate.EvaluateEntriesAsync(Evaluate(_nhs, Entry("e1")), new Metadata { { "authorization", host.Supplier() }, { "traceparent", traceparent } });
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await gate.EvaluateEntriesAsync(Evaluate(_nhs, Entry("e1")),
            new Metadata { { "authorization", host.Supplier(scopes: "gate.admin") }, { "traceparent", traceparent } }));

        var spans = await host.SpansAsync(a => a.TraceId == trace, 2);
        Assert.All(spans, s => Assert.Equal("/recordaccess.v1.RecordAccessGate/EvaluateEntries", s.GetTagItem("grpc.method")));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(["0", "7"], spans.Select(s => s.GetTagItem("grpc.status_code")?.ToString()).Order());
        Assert.All(spans, s => Assert.Equal("POST /recordaccess.v1.RecordAccessGate/EvaluateEntries", s.DisplayName));
    }

    [Fact]
    public async Task FhirCall_PatientPathAndSearch_NoSpanCarriesTheNhsNumber()
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient/{_nhs}/$record-access?patient={_nhs}");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(host.Patient(_nhs));
        var (trace, traceparent) = NewTrace();
        request.Headers.Add("traceparent", traceparent);
        using var response = await client.SendAsync(request);

        var span = Assert.Single(await host.SpansAsync(a => a.TraceId == trace, 1));
        Assert.True(response.IsSuccessStatusCode, response.ToString());
        Assert.DoesNotContain(_nhs, span.DisplayName, StringComparison.Ordinal);
        Assert.All(span.TagObjects, tag => Assert.DoesNotContain(_nhs, tag.Value?.ToString() ?? "", StringComparison.Ordinal));
        Assert.Equal("/fhir/Patient/{nhsNumber}/$record-access", span.GetTagItem("url.path"));
    }

    /// <summary>
    /// A trace of this test's own: ActivitySource listeners are process-wide, so the exporter also sees the spans of
    /// every other test host running in parallel; the server continues the caller's W3C trace, so its id finds ours.
    /// </summary>
    private static (ActivityTraceId Trace, string Traceparent) NewTrace()
    {
        var trace = ActivityTraceId.CreateRandom();
        return (trace, $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    /// <summary>The gate host with the in-memory span exporter added to the product's tracer provider.</summary>
    public sealed class Host : GateHost
    {
        private readonly List<Activity> _spans = [];

        /// <summary>Spans that match, once at least <paramref name="count"/> have ended (spans end just after the response).</summary>
        public async Task<List<Activity>> SpansAsync(Func<Activity, bool> match, int count)
        {
            for (var i = 0; i < 100; i++)
            {
                lock (_spans)
                {
                    var found = _spans.Where(match).ToList();
                    if (found.Count >= count)
                    {
                        _spans.RemoveAll(s => found.Contains(s));
                        return found;
                    }
                }

                await Task.Delay(50);
            }

            lock (_spans)
            {
                return [.. _spans.Where(match)];
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_spans))));
        }

        /// <summary>The exporter adds from the export thread while tests read: a list guarded by its own lock.</summary>
        private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
        {
            public int Count { get { lock (inner) { return inner.Count; } } }

            public bool IsReadOnly => false;

            public void Add(Activity item) { lock (inner) { inner.Add(item); } }

            public void Clear() { lock (inner) { inner.Clear(); } }

            public bool Contains(Activity item) { lock (inner) { return inner.Contains(item); } }

            public void CopyTo(Activity[] array, int arrayIndex) { lock (inner) { inner.CopyTo(array, arrayIndex); } }

            public bool Remove(Activity item) { lock (inner) { return inner.Remove(item); } }

            public IEnumerator<Activity> GetEnumerator() { lock (inner) { return inner.ToList().GetEnumerator(); } }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
