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
        var command = new Command(
            "load-state",
            "Load the whole policy state from the store, as a server does at start-up, and print the time taken and the memory held.\n"
            + "Exit codes: 0 loaded; 2 bad option; 1 the store failed.")
        {
            requests,
        };
        store.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(store.TryRead(parse, stderr, "load-state", out var options) ? options : null, parse.GetValue(requests), stdout, stderr, ct));
        return command;
    }

    private static async Task<int> RunAsync(StorageOptions? options, int requests, Stream stdout, TextWriter stderr, CancellationToken ct)
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
            using var state = await PolicyLoader.LoadAsync(policyStore, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            using var writer = new StreamWriter(stdout, leaveOpen: true);
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"loaded version {state.Version}: {state.PracticeCount} practices, {state.PatientCount} patients in {seconds:F2} s; state holds {held / 1048576.0:F0} MiB managed; peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB; "
                + $"GC: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections (gen 0/1/2), {GC.GetTotalPauseDuration().TotalSeconds:F2} s paused"));
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
