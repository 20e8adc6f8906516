using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RecordAccess.Cli.Store;
using RecordAccess.Core.Policy;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess load-state</c>: loads the whole policy state as a server does at start-up, and reports time and memory.</summary>
internal static class LoadStateCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var store = new StoreArguments();
        var requests = new Option<int>("--evaluate-requests")
        {
            Description = "Then decide this many requests of 100 entries for patients of the synthetic national state (generate-national), and print the throughput.",
        };
        var noSnapshot = new Option<bool>("--no-snapshot")
        {
            Description = "Replay the whole log even when the store holds a usable projection snapshot.",
        };
        var writeSnapshot = new Option<bool>("--write-snapshot")
        {
            Description = "Then write a projection snapshot of the loaded state into the store (what servers do periodically), and print its size and time.",
        };
        var command = new Command(
            "load-state",
            "Load the whole policy state from the store, as a server does at start-up, and print the time taken and the memory held.\n"
            + "Exit codes: 0 loaded; 2 bad option; 1 the store failed.")
        {
            requests,
            noSnapshot,
            writeSnapshot,
        };
        store.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            store.TryRead(parse, stderr, "load-state", out var options) ? options : null,
            parse.GetValue(requests),
            !parse.GetValue(noSnapshot),
            parse.GetValue(writeSnapshot),
            stdout,
            stderr,
            ct));
        return command;
    }

    private static string How(PolicyLoadReport loaded) =>
        (loaded.SnapshotVersion is { } from
            ? string.Create(CultureInfo.InvariantCulture, $"from the snapshot at version {from} plus {loaded.State.Version - from} events")
            : "whole log replayed")
        + (loaded.SnapshotProblem is { } problem ? $" (snapshot ignored: {problem})" : string.Empty);

    private static async Task<int> RunAsync(StorageOptions? options, int requests, bool useSnapshot, bool writeSnapshot, Stream stdout, TextWriter stderr, CancellationToken ct)
    {
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        if (requests < 0)
        {
            stderr.WriteLine("recordaccess load-state: --evaluate-requests must be 0 or more");
            return ExitCodes.BadInput;
        }

        try
        {
            await using var policyStore = await PolicyStore.OpenAsync(options, ct);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            var loaded = await PolicyLoader.LoadWithReportAsync(policyStore, useSnapshot ? policyStore : null, ct);
            using var state = loaded.State;
            var seconds = clock.Elapsed.TotalSeconds;
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            using var writer = new StreamWriter(stdout, leaveOpen: true);
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"loaded version {state.Version}: {state.PracticeCount} practices, {state.PatientCount} patients in {seconds:F2} s; state holds {held / 1048576.0:F0} MiB managed; peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB; "
                + $"GC: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections (gen 0/1/2), {GC.GetTotalPauseDuration().TotalSeconds:F2} s paused; "
                + $"{How(loaded)}"));
            if (writeSnapshot)
            {
                clock.Restart();
                var image = PolicySnapshot.Capture(state);
                var captured = clock.Elapsed.TotalSeconds;
                var mebibytes = image.Parts.Sum(p => (long)p.Length) / 1048576.0;
                await policyStore.WriteSnapshotAsync(image, 2, ct);
                writer.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"snapshot written at version {image.Version}: {mebibytes:F1} MiB in {image.Parts.Count} parts; captured in {captured:F2} s, stored in {clock.Elapsed.TotalSeconds - captured:F2} s"));
            }

            if (requests > 0)
            {
                writer.WriteLine(EvaluationBenchmark.Run(state, requests));
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            stderr.WriteLine($"recordaccess load-state: the store failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
