extern alias server;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Identity.Development;
using server::RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Benchmarks;

/// <summary>
/// Measured drivers of the two other request paths of issue 14, against the real server (<see cref="BenchmarkHost"/>:
/// Kestrel on loopback, development issuer, SQLite store with the demo data, every decision audited and durable):
/// <list type="bullet">
/// <item><c>--stream [runs]</c>: StreamEvaluate of one 100,000-entry record sent in 50 chunks of 2,000 (Grpc.Net.Client,
/// HTTP/2): decisions per second and the time to the last decision, from the first chunk sent to the last answer
/// chunk read, and from the last chunk sent.</item>
/// <item><c>--fhir-filter [runs]</c>: <c>$filter</c> of a 1,000-resource collection Bundle (Observations, some
/// preliminary; Conditions; DocumentReferences, some labelled) for a demo patient with a P9 NHS login token, over HTTP/1.1:
/// resources per second and p50/p99 of the call.</item>
/// </list>
/// Two warm-up runs first. Sequential calls (one in flight): latency and single-call throughput, not a peak. Also prints
/// the process's allocation per run (server and client together; <c>GC.GetTotalAllocatedBytes</c>) and the GC counts.
/// </summary>
internal static class RequestPathDriver
{
    private const string NhsNumber = "9434765919"; // demo patient at A81001, visible prospective entries

    public static int RunStream(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        const int entries = 100_000;
        const int chunk = 2_000;
        using var scope = new Scope();
        var token = scope.Issuer.MintSupplier("bench", ["gate.evaluate"], ["A81001"], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        using var channel = GrpcChannel.ForAddress(scope.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        var client = new RecordAccessGate.RecordAccessGateClient(channel);
        var all = RequestPathBenchmarks.RealisticEntries(entries);
        var chunks = new List<StreamEvaluateRequest>();
        for (var start = 0; start < entries; start += chunk)
        {
            var request = new StreamEvaluateRequest { RequestId = "r", NhsNumber = NhsNumber, Last = start + chunk >= entries };
            request.Entries.AddRange(all.Skip(start).Take(chunk));
            chunks.Add(request);
        }

        Console.WriteLine($"StreamEvaluate: one record of {entries:N0} entries in {chunks.Count} chunks of {chunk:N0} "
            + $"({chunks.Sum(c => c.CalculateSize()):N0} bytes); {runs} runs after 2 warm-up runs; load average {LoadAverage()}");
        var total = new List<double>();
        var afterLast = new List<double>();
        for (var run = -2; run < runs; run++)
        {
            var (allocated, gcs) = (GC.GetTotalAllocatedBytes(), GcCounts());
            var (toLast, fromLastChunk, decided) = StreamOnce(client, token, chunks).GetAwaiter().GetResult();
            if (decided != entries)
            {
                throw new InvalidOperationException($"StreamEvaluate answered {decided} decisions, not {entries}");
            }

            if (run >= 0)
            {
                total.Add(toLast);
                afterLast.Add(fromLastChunk);
                Console.WriteLine($"  run {run + 1}: {toLast:F1} ms to the last decision ({fromLastChunk:F1} ms after the last chunk), "
                    + $"{entries / toLast * 1000:N0} decisions/s, {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:F1} MB allocated, GCs {Delta(gcs)}");
            }
        }

        Console.WriteLine($"median {Median(total):F1} ms to the last decision = {entries / Median(total) * 1000:N0} decisions/s; "
            + $"median {Median(afterLast):F1} ms from the last chunk sent; min {total.Min():F1} ms, max {total.Max():F1} ms; load average {LoadAverage()}");
        return 0;
    }

    public static int RunFhirFilter(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        const int resources = 1_000;
        using var scope = new Scope();
        var token = scope.Issuer.MintPatient(NhsNumber, DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        using var client = new HttpClient { BaseAddress = scope.HttpAddress, DefaultRequestVersion = HttpVersion.Version11 };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var bundle = Encoding.UTF8.GetBytes(Bundle(resources));
        var path = new Uri($"/fhir/Patient/{NhsNumber}/$filter", UriKind.Relative);
        Console.WriteLine($"$filter: a collection Bundle of {resources:N0} resources ({bundle.Length:N0} bytes); {runs} runs after 2 warm-up runs; load average {LoadAverage()}");
        var times = new List<double>();
        var (allocated, gcs) = (0L, Array.Empty<int>());
        for (var run = -2; run < runs; run++)
        {
            if (run == 0)
            {
                (allocated, gcs) = (GC.GetTotalAllocatedBytes(), GcCounts());
            }

            var started = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(bundle);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
            using var response = client.PostAsync(path, content).GetAwaiter().GetResult();
            var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"$filter answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
            }

            if (run >= 0)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        var median = Median(times);
        Console.WriteLine($"p50 {median:F1} ms, p99 {times[Math.Min(times.Count - 1, (int)(0.99 * times.Count))]:F1} ms, max {times[^1]:F1} ms = "
            + $"{resources / median * 1000:N0} resources/s at the median; {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0 / runs:F1} MB allocated per call, "
            + $"GCs over the runs {Delta(gcs)}; load average {LoadAverage()}");
        return 0;
    }

    /// <summary>
    /// <c>--loh [calls]</c>: which types are allocated on the large-object heap (objects of 85,000 bytes or more) while the
    /// server answers that many sequential EvaluateEntries calls of 1,000 entries (the runtime's GCAllocationTick events of
    /// kind Large: one per 100 KB of large objects, naming the type of the object that crossed the mark), and the process's
    /// allocation per call.
    /// </summary>
    public static int RunLargeObjects(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        using var scope = new Scope();
        var token = scope.Issuer.MintSupplier("bench", ["gate.evaluate"], ["A81001"], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        using var channel = GrpcChannel.ForAddress(scope.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        var client = new RecordAccessGate.RecordAccessGateClient(channel);
        var request = new EvaluateEntriesRequest { NhsNumber = NhsNumber };
        request.Entries.AddRange(RequestPathBenchmarks.RealisticEntries(RequestPathBenchmarks.Entries));
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        for (var i = 0; i < 20; i++)
        {
            client.EvaluateEntries(request, headers);
        }

        using var listener = new LargeObjectListener();
        var (allocated, gcs) = (GC.GetTotalAllocatedBytes(), GcCounts());
        for (var i = 0; i < calls; i++)
        {
            client.EvaluateEntries(request, headers);
        }

        var perCall = (GC.GetTotalAllocatedBytes() - allocated) / (double)calls;
        Console.WriteLine($"{calls} EvaluateEntries calls of {RequestPathBenchmarks.Entries:N0} entries: {perCall / 1024:N0} KB allocated per call "
            + $"(server and client), GCs {Delta(gcs)}; load average {LoadAverage()}");
        Console.WriteLine($"large-object allocation ticks (each ~100 KB of objects >= 85,000 bytes): {listener.Total:N0} ({listener.Total / (double)calls:F2} per call)");
        foreach (var (type, count) in listener.ByType.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"  {count,6:N0}  {type}");
        }

        return 0;
    }

    /// <summary>Counts the runtime's GCAllocationTick events of kind Large, by type name.</summary>
    private sealed class LargeObjectListener : System.Diagnostics.Tracing.EventListener
    {
        private readonly object _gate = new();

        public Dictionary<string, int> ByType { get; } = [];

        public int Total { get; private set; }

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names)
            {
                return;
            }

            var kind = Convert.ToInt32(eventData.Payload![names.IndexOf("AllocationKind")], CultureInfo.InvariantCulture);
            if (kind != 1)
            {
                return;
            }

            var type = names.IndexOf("TypeName") is >= 0 and var at ? eventData.Payload[at]?.ToString() ?? "?" : "?";
            lock (_gate)
            {
                Total++;
                ByType[type] = ByType.GetValueOrDefault(type) + 1;
            }
        }
    }

    private static async Task<(double ToLast, double FromLastChunk, int Decided)> StreamOnce(
        RecordAccessGate.RecordAccessGateClient client, string token, List<StreamEvaluateRequest> chunks)
    {
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        using var call = client.StreamEvaluate(headers);
        var started = Stopwatch.GetTimestamp();
        var lastSent = 0L;
        var reader = Task.Run(async () =>
        {
            var decided = 0;
            await foreach (var answer in call.ResponseStream.ReadAllAsync().ConfigureAwait(false))
            {
                if (answer.Error is { } error)
                {
                    throw new InvalidOperationException($"record error {error.Code}: {error.Message}");
                }

                decided += answer.Decisions.Count;
                if (answer.Last)
                {
                    return (Stopwatch.GetTimestamp(), decided);
                }
            }

            throw new InvalidOperationException("the stream ended before the record's last answer");
        });
        foreach (var chunk in chunks)
        {
            await call.RequestStream.WriteAsync(chunk).ConfigureAwait(false);
        }

        lastSent = Stopwatch.GetTimestamp();
        var (done, count) = await reader.ConfigureAwait(false);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started, done).TotalMilliseconds, Stopwatch.GetElapsedTime(lastSent, done).TotalMilliseconds, count);
    }

    /// <summary>A GP record's resources as a patient app would send them for filtering: each with its GP-system fullUrl.</summary>
    private static string Bundle(int count)
    {
        var random = new Random(1);
        var entries = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var date = $"{random.Next(2012, 2025):0000}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";
            var (type, resource) = (i % 4) switch
            {
                0 or 1 => ("Observation", $$"""{"resourceType":"Observation","id":"o{{i}}","status":"{{(random.NextDouble() < 0.1 ? "preliminary" : "final")}}","code":{"text":"Hb"},"issued":"{{date}}T10:00:00Z"}"""),
                2 => ("Condition", $$"""{"resourceType":"Condition","id":"c{{i}}","subject":{"reference":"Patient/p"},"recordedDate":"{{date}}"}"""),
                _ => ("DocumentReference", random.NextDouble() < 0.1
                    ? $$$"""{"resourceType":"DocumentReference","id":"d{{{i}}}","meta":{"security":[{"code":"R"}]},"status":"current","date":"{{{date}}}","content":[{"attachment":{"title":"Letter"}}]}"""
                    : $$$"""{"resourceType":"DocumentReference","id":"d{{{i}}}","status":"current","date":"{{{date}}}","content":[{"attachment":{"title":"Letter"}}]}"""),
            };
            var id = type[0] == 'O' ? $"o{i}" : type[0] == 'C' ? $"c{i}" : $"d{i}";
            entries.Add($$"""{"fullUrl":"https://gp.example/fhir/{{type}}/{{id}}","resource":{{resource}}}""");
        }

        return $$"""{"resourceType":"Bundle","type":"collection","entry":[{{string.Join(",", entries)}}]}""";
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int[] GcCounts() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static string Delta(int[] before)
    {
        var now = GcCounts();
        return $"gen0 {now[0] - before[0]}, gen1 {now[1] - before[1]}, gen2 {now[2] - before[2]}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>The server on two free loopback ports, in a directory of its own deleted afterwards.</summary>
    private sealed class Scope : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ra-driver-{Guid.NewGuid():N}");
        private readonly BenchmarkHost _host;

        public Scope()
        {
            Directory.CreateDirectory(_directory);
            var grpcPort = RequestPathBenchmarks.FreePort();
            var httpPort = RequestPathBenchmarks.FreePort();
            _host = new BenchmarkHost(_directory, grpcPort, httpPort);
            _host.UseKestrel();
            _host.StartServer();
            GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
            HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        }

        public Uri GrpcAddress { get; }

        public Uri HttpAddress { get; }

        public DevelopmentIssuer Issuer => _host.Services.GetRequiredService<DevelopmentIssuer>();

        public void Dispose()
        {
            _host.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
