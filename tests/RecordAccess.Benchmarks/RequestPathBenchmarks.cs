extern alias server;

using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Identity.Development;
using server::RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Benchmarks;

/// <summary>
/// The request path of <c>RecordAccessGate/EvaluateEntries</c> with 1,000 entries, bytes in to bytes out (issue 14):
/// the real server (its <c>Program</c>, started with WebApplicationFactory as the Server tests' KestrelHost does) on Kestrel
/// on a loopback port, HTTP/2 prior knowledge, a real supplier token, the SQLite store with the demo data, every call
/// audited; the client posts the same framed request bytes h2load sends and reads the whole response and its trailers.
/// Real sockets rather than TestServer because Kestrel's HTTP/2 framing is part of what a supplier waits on. One
/// request per invocation: Mean is per request, and Allocated (MemoryDiagnoser counts every thread of the process) is
/// the server's and the client's allocation per request.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class and disposes in [GlobalCleanup].")]
public class RequestPathBenchmarks
{
    /// <summary>Entries per request, as in the h2load benchmark.</summary>
    public const int Entries = 1_000;

    private const string NhsNumber = "9434765919";
    private const string Path = "/recordaccess.v1.RecordAccessGate/EvaluateEntries";

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ra-bench-{Guid.NewGuid():N}");
    private BenchmarkHost? _app;
    private HttpClient? _client;
    private byte[] _body = [];
    private Uri _address = new("http://127.0.0.1/");

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePort();
        _app = new BenchmarkHost(_directory, port);
        _app.UseKestrel();
        _app.StartServer();

        var token = _app.Services.GetRequiredService<DevelopmentIssuer>()
            .MintSupplier("bench", ["gate.evaluate"], ["A81001"], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        _address = new Uri($"http://127.0.0.1:{port}{Path}");
        _client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _client.DefaultRequestHeaders.TryAddWithoutValidation("te", "trailers");
        _body = Frame(Request());

        // Fail the setup, not the numbers, if the call is not answered OK.
        if (EvaluateEntries().GetAwaiter().GetResult() < 1_000)
        {
            throw new InvalidOperationException("EvaluateEntries answered an unexpectedly short response");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _client = null;
        _app?.Dispose();
        _app = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>One call: the framed request bytes in, the framed response bytes out (their length is returned).</summary>
    [Benchmark]
    public async Task<int> EvaluateEntries()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, _address)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await _client!.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.FirstOrDefault() : null;
        if (response.StatusCode != HttpStatusCode.OK || status != "0")
        {
            throw new InvalidOperationException($"EvaluateEntries failed: HTTP {(int)response.StatusCode}, grpc-status {status ?? "missing"}");
        }

        return bytes.Length;
    }

    /// <summary>The h2load benchmark's request shape (h2load/make_body.py): a realistic mix of kinds, 2012-2024.</summary>
    private static EvaluateEntriesRequest Request()
    {
        var request = new EvaluateEntriesRequest { NhsNumber = NhsNumber };
        request.Entries.AddRange(RealisticEntries(Entries));
        return request;
    }

    /// <summary><paramref name="count"/> entries of the h2load mix (ids entry-00000, ...; coded entries under the last consultation).</summary>
    internal static List<Entry> RealisticEntries(int count)
    {
        var random = new Random(1);
        EntryKind[] kinds = [EntryKind.Consultation, EntryKind.Coded, EntryKind.Coded, EntryKind.Medication,
            EntryKind.TestResult, EntryKind.Document, EntryKind.Coded, EntryKind.Diary];
        var entries = new List<Entry>(count);
        string? consultation = null;
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var entry = new Entry
            {
                Id = $"entry-{i:00000}",
                RecordedDate = $"{random.Next(2012, 2025):0000}-{random.Next(1, 13):00}-{random.Next(1, 29):00}",
                Kind = kind,
                Status = kind == EntryKind.TestResult && random.NextDouble() < 0.2 ? EntryStatus.Provisional : EntryStatus.Final,
            };
            if (kind == EntryKind.Document && random.NextDouble() < 0.1)
            {
                entry.Labels.Add("R");
            }

            if (kind == EntryKind.Consultation)
            {
                consultation = entry.Id;
            }
            else if (kind == EntryKind.Coded && consultation is not null)
            {
                entry.ParentId = consultation;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed.AsSpan(5));
        return framed;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
