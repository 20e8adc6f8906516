using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Hazards ST-2 and ST-3 across servers: a batch coding committed through server A (one atomic append) is seen by
/// servers B and C whole or not at all. B and C are read without pause while the batch is written; every answer
/// carries the state version it was read at, and at every version a server reports, either every patient of the
/// batch is coded (the version is the batch's or later) or none is.
/// </summary>
[Collection(nameof(MultiServerProcesses))]
public sealed class BatchVisibilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Patients = 200;
    private const int ReadersPerServer = 8;
    private const string Code = "1364731000000104";
    private ServerFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await ServerFleet.StartAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task BatchCode_OnServerA_SeenWholeOrNotAtAllOnBAndC()
    {
        var (a, others) = (_fleet.Servers[0], _fleet.Servers.Skip(1).ToList());
        var registered = new ConcurrentBag<(string Nhs, ulong Version)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Patients), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => registered.Add(await _fleet.RegisterPatientAsync(a)));
        var patients = registered.Select(r => r.Nhs).ToList();
        var before = registered.Max(r => r.Version);
        foreach (var server in others)
        {
            await _fleet.ReasonAsync(server, patients[0], before); // Waits until the server has every registration.
        }

        var observations = new ConcurrentBag<(string Server, string Nhs, ulong Version, bool Coded)>();
        var batchVersion = 0UL; // 0 until the batch is acknowledged; then its version.
        var seenAfter = others.ToDictionary(s => s.Name, _ => new ConcurrentDictionary<string, bool>());
        using var firstRound = new CountdownEvent(others.Count * ReadersPerServer);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var readers = others.SelectMany(server => Enumerable.Range(0, ReadersPerServer).Select(r => Task.Run(async () =>
        {
            var round = 0;
            while (!stop.IsCancellationRequested)
            {
                for (var i = r; i < patients.Count; i += ReadersPerServer)
                {
                    var state = await server.Admin.GetPatientStateAsync(
                        new GetPatientStateRequest { NhsNumber = patients[i] }, _fleet.Staff, deadline: DateTime.UtcNow.AddSeconds(5));
                    var coded = state.Codes.Any(c => c.Code == Code);
                    observations.Add((server.Name, patients[i], state.StateVersion, coded));
                    var batch = Volatile.Read(ref batchVersion);
                    if (batch > 0 && state.StateVersion >= batch)
                    {
                        seenAfter[server.Name][patients[i]] = coded;
                    }
                }

                if (round++ == 0)
                {
                    firstRound.Signal();
                }

                if (Volatile.Read(ref batchVersion) > 0 && seenAfter[server.Name].Count == patients.Count)
                {
                    return;
                }
            }
        }))).ToList();

        // Every reader has read every one of its patients before the batch at least once.
        Assert.True(firstRound.Wait(TimeSpan.FromSeconds(20)), "the readers did not complete a round before the batch");
        var request = new BatchCodeRequest { Ods = AdminCalls.Practice, Code = Code, EffectiveDate = "2024-01-02", Reason = "practice-wide review" };
        request.NhsNumbers.Add(patients);
        var written = Stopwatch.StartNew();
        var response = await a.Admin.BatchCodeAsync(request, _fleet.Staff);
        Volatile.Write(ref batchVersion, response.StateVersion);
        Assert.Equal(Patients, response.PatientsChanged);
        await Task.WhenAll(readers);
        var elapsed = written.Elapsed;

        Assert.False(stop.IsCancellationRequested, "B and C did not show every patient at the batch's version within 20 s");
        var batchAt = response.StateVersion;
        foreach (var observation in observations)
        {
            Assert.True(observation.Version <= before || observation.Version >= batchAt,
                $"server {observation.Server} answered at version {observation.Version}, inside the batch ({before}, {batchAt})");
            Assert.True(observation.Coded == observation.Version >= batchAt,
                $"server {observation.Server} at version {observation.Version}: patient {observation.Nhs} coded {observation.Coded}, batch at {batchAt}");
        }

        foreach (var atVersion in observations.GroupBy(o => (o.Server, o.Version)))
        {
            var coded = atVersion.Count(o => o.Coded);
            Assert.True(coded == 0 || coded == atVersion.Count(), $"server {atVersion.Key.Server} at version {atVersion.Key.Version}: {coded} of {atVersion.Count()} answers coded");
        }

        foreach (var server in others)
        {
            var mine = observations.Where(o => o.Server == server.Name).ToList();
            Assert.Contains(mine, o => o.Version < batchAt);
            Assert.Equal(Patients, mine.Where(o => o.Version >= batchAt).Select(o => o.Nhs).Distinct().Count());
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch of {Patients} at version {batchAt} (before: {before}); {observations.Count} reads on B and C " +
            $"({observations.Count(o => o.Version < batchAt)} before, {observations.Count(o => o.Version >= batchAt)} at or after); " +
            $"versions seen: {string.Join(", ", observations.Select(o => o.Version).Distinct().Order())}; every patient seen coded on B and C {elapsed.TotalMilliseconds:F0} ms after the write began"));
    }
}
