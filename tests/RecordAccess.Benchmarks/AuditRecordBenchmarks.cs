using System.Globalization;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage;
using RecordAccess.Storage.Audit;

namespace RecordAccess.Benchmarks;

/// <summary>
/// The decision audit record of one 1,000-entry request (issue 14, decision 0108): the JSON answers it replaces
/// (<c>[{"entryId":..,"reason":..}]</c>) against the compact payload (answers plus every replay fact), encoded, decoded,
/// optionally compressed, and written durably in groups of <see cref="Group"/> records to SQLite (and PostgreSQL when
/// <c>RECORDACCESS_TEST_POSTGRES</c> is set) by the statement of each format. Every benchmark reports time per entry
/// (OperationsPerInvoke), so x 1,000 is the cost per request; the Bytes column is the stored size of one record.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SizeConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class and disposes in [GlobalCleanup].")]
public class AuditRecordBenchmarks
{
    /// <summary>Entries per request, as in the request-path benchmark.</summary>
    public const int Entries = 1_000;

    /// <summary>Records per group commit in the write benchmarks.</summary>
    public const int Group = 16;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ra-audit-bench-{Guid.NewGuid():N}");
    private DecisionAuditRecord _record = null!;
    private byte[] _payload = [];
    private PolicyStore? _sqlite;
    private PolicyStore? _postgres;

    /// <summary>The audited request: a realistic 1,000-entry record decided by the engine, as the gate audits it.</summary>
    public static DecisionAuditRecord Record(int seed = 1)
    {
        var request = RealisticRecord.Create(Entries, seed);
        var decisions = DecisionEngine.Evaluate(request);
        return new DecisionAuditRecord(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "supplier:bench", request.Patient!.NhsNumber, 42, RuleSet.Version, decisions,
            "NationalPause=off;Gate=on;RuleSet2025=on")
        {
            Entries = request.Entries,
            EvaluationDate = request.EvaluationDate,
            PracticeOds = request.Practice!.Ods,
        };
    }

    [GlobalSetup]
    public void Setup()
    {
        _record = Record();
        _payload = AuditPayloadCodec.Encode(_record);
        Directory.CreateDirectory(_directory);
        _sqlite = PolicyStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_directory, "audit.db")}" })
            .GetAwaiter().GetResult();
        if (Environment.GetEnvironmentVariable("RECORDACCESS_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            _postgres = PolicyStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = postgres }).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _postgres?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    [BenchmarkCategory("Encode")]
    public string EncodeJson() => AuditJson.Decisions(_record.Decisions);

    [Benchmark(OperationsPerInvoke = Entries)]
    [BenchmarkCategory("Encode")]
    public byte[] EncodeCompact() => AuditPayloadCodec.Encode(_record);

    [Benchmark(OperationsPerInvoke = Entries)]
    [BenchmarkCategory("Encode")]
    public byte[] EncodeCompactBrotli() => Brotli(AuditPayloadCodec.Encode(_record));

    [Benchmark(OperationsPerInvoke = Entries)]
    [BenchmarkCategory("Encode")]
    public byte[] EncodeCompactDeflate() => Deflate(AuditPayloadCodec.Encode(_record));

    [Benchmark(OperationsPerInvoke = Entries)]
    [BenchmarkCategory("Decode")]
    public DecisionAuditRecord DecodeCompact() => AuditPayloadCodec.Decode(_record, _payload);

    /// <summary>The statement of the JSON format (the writer before decision 0108): the answers as JSON text, no payload.</summary>
    [Benchmark(OperationsPerInvoke = Entries * Group)]
    [BenchmarkCategory("Write")]
    public Task WriteSqliteJson() => WriteJsonAsync(_sqlite!);

    /// <summary>The store's writer: one prepared statement in one transaction, the compact payload.</summary>
    [Benchmark(OperationsPerInvoke = Entries * Group)]
    [BenchmarkCategory("Write")]
    public Task WriteSqliteCompact() => _sqlite!.WriteAsync(Fresh());

    /// <summary>Compression judged where it could pay, the durable write: the compact payload Brotli-compressed, same statement as the JSON one.</summary>
    [Benchmark(OperationsPerInvoke = Entries * Group)]
    [BenchmarkCategory("Write")]
    public Task WriteSqliteCompactBrotli() => WriteAsync(_sqlite!, r => Brotli(AuditPayloadCodec.Encode(r)));

    /// <summary>The compact payload uncompressed by the same statement as <see cref="WriteSqliteCompactBrotli"/> (apples to apples).</summary>
    [Benchmark(OperationsPerInvoke = Entries * Group)]
    [BenchmarkCategory("Write")]
    public Task WriteSqliteCompactSameStatement() => WriteAsync(_sqlite!, AuditPayloadCodec.Encode);

    [Benchmark(OperationsPerInvoke = Entries * Group)]
    [BenchmarkCategory("Write")]
    public Task WritePostgresJson() => _postgres is null ? Task.CompletedTask : WriteJsonAsync(_postgres);

    /// <summary>The store's writer: binary COPY in one transaction, the compact payload.</summary>
    [Benchmark(OperationsPerInvoke = Entries * Group)]
    [BenchmarkCategory("Write")]
    public Task WritePostgresCompact() => _postgres is null ? Task.CompletedTask : _postgres.WriteAsync(Fresh());

    private DecisionAuditRecord[] Fresh()
    {
        var group = new DecisionAuditRecord[Group];
        for (var i = 0; i < group.Length; i++)
        {
            group[i] = _record with { DecisionId = Guid.CreateVersion7() };
        }

        return group;
    }

    private Task WriteJsonAsync(PolicyStore store) => WriteAsync(store, null);

    /// <summary>One group in one transaction by one prepared INSERT: JSON answers when <paramref name="payload"/> is null, else that payload.</summary>
    private async Task WriteAsync(PolicyStore store, Func<DecisionAuditRecord, byte[]>? payload)
    {
        var connection = await store.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                const string Sql = "INSERT INTO decision_audit (decision_id, recorded_at, caller, nhs_number, state_version, rule_set_version, decisions, flags, payload) "
                    + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)";
                var command = store.Command(connection, transaction, Sql, ("@p0", ""), ("@p1", _record.RecordedAt), ("@p2", _record.Caller), ("@p3", _record.NhsNumber),
                    ("@p4", _record.StateVersion), ("@p5", _record.RuleSetVersion), ("@p6", ""), ("@p7", _record.Flags), ("@p8", Array.Empty<byte>()));
                await using (command.ConfigureAwait(false))
                {
                    await command.PrepareAsync().ConfigureAwait(false);
                    foreach (var r in Fresh())
                    {
                        command.Parameters[0].Value = r.DecisionId.ToString("D");
                        command.Parameters[6].Value = payload is null ? AuditJson.Decisions(r.Decisions) : string.Empty;
                        command.Parameters[8].Value = payload is null ? DBNull.Value : payload(r);
                        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }
        }
    }

    private static byte[] Brotli(byte[] payload)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(payload.Length)];
        return BrotliEncoder.TryCompress(payload, output, out var written, quality: 1, window: 22) ? output[..written] : throw new InvalidOperationException("Brotli failed");
    }

    private static byte[] Deflate(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>Adds the stored size of one record in each format (the Bytes column).</summary>
    private sealed class SizeConfig : ManualConfig
    {
        public SizeConfig() => AddColumn(new BytesColumn());
    }

    /// <summary>The stored bytes of the one 1,000-entry record (UTF-8 JSON text, the payload, the payload compressed).</summary>
    private sealed class BytesColumn : IColumn
    {
        private static readonly Lazy<Dictionary<string, int>> Sizes = new(() =>
        {
            var record = Record();
            var payload = AuditPayloadCodec.Encode(record);
            var json = System.Text.Encoding.UTF8.GetByteCount(AuditJson.Decisions(record.Decisions));
            return new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [nameof(EncodeJson)] = json,
                [nameof(WriteSqliteJson)] = json,
                [nameof(WritePostgresJson)] = json,
                [nameof(EncodeCompact)] = payload.Length,
                [nameof(DecodeCompact)] = payload.Length,
                [nameof(WriteSqliteCompact)] = payload.Length,
                [nameof(WritePostgresCompact)] = payload.Length,
                [nameof(EncodeCompactBrotli)] = Brotli(payload).Length,
                [nameof(WriteSqliteCompactBrotli)] = Brotli(payload).Length,
                [nameof(WriteSqliteCompactSameStatement)] = payload.Length,
                [nameof(EncodeCompactDeflate)] = Deflate(payload).Length,
            };
        });

        public string Id => nameof(BytesColumn);

        public string ColumnName => "Bytes/record";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Size;

        public string Legend => "Stored bytes of one 1,000-entry audit record in the benchmark's format";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            Sizes.Value.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var bytes) ? bytes.ToString(CultureInfo.InvariantCulture) : "-";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
