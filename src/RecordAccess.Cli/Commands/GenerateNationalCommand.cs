using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RecordAccess.Cli.Store;
using RecordAccess.Core.Policy;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess generate-national</c>: writes a synthetic national policy state into a store, batch by batch.</summary>
internal static class GenerateNationalCommand
{
    public static Command Create(Stream stdout, TextWriter stderr, TimeProvider clock)
    {
        var store = new StoreArguments();
        var practices = new Option<int>("--practices") { Description = "Practices (England: about 6,300).", DefaultValueFactory = _ => 6_300 };
        var patients = new Option<int>("--patients") { Description = "Registered patients, each with one access code.", DefaultValueFactory = _ => 3_000_000 };
        var flags = new Option<int>("--flags") { Description = "Safeguarding flags.", DefaultValueFactory = _ => 200_000 };
        var redactions = new Option<int>("--redactions") { Description = "Entry redactions.", DefaultValueFactory = _ => 1_000_000 };
        var batchSize = new Option<int>("--batch-size") { Description = "Events per committed batch.", DefaultValueFactory = _ => 50_000 };
        var command = new Command(
            "generate-national",
            "Write a deterministic synthetic national state (synthetic data only: practices G00000…, patients from NHS number 4000000004) "
            + "as events, one committed batch at a time; prints 'acknowledged version N' after each commit. Each batch has an idempotency "
            + "key, so running it again after an interruption completes the state without duplicating anything.\n"
            + "Exit codes: 0 done; 2 bad option; 1 the store failed.")
        {
            practices, patients, flags, redactions, batchSize,
        };
        store.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            store.TryRead(parse, stderr, "generate-national", out var options) ? options : null,
            parse.GetValue(practices), parse.GetValue(patients), parse.GetValue(flags), parse.GetValue(redactions), parse.GetValue(batchSize), stdout, stderr, clock, ct));
        return command;
    }

    private static async Task<int> RunAsync(
        StorageOptions? options, int practices, int patients, int flags, int redactions, int batchSize, Stream stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        var bad = practices is < 1 or > 99_999 ? "--practices must be 1 to 99999"
            : patients < 0 ? "--patients must be 0 or more"
            : flags < 0 ? "--flags must be 0 or more"
            : redactions < 0 || (redactions > 0 && patients == 0) ? "--redactions must be 0 or more, and needs patients"
            : batchSize is < 1 or > 1_000_000 ? "--batch-size must be 1 to 1000000"
            : null;
        if (bad is not null)
        {
            stderr.WriteLine($"recordaccess generate-national: {bad}");
            return ExitCodes.BadInput;
        }

        var national = new NationalState(practices, patients, flags, redactions);
        var actor = Actor.System("recordaccess generate-national");
        var stopwatch = Stopwatch.StartNew();
        using var writer = new StreamWriter(stdout, leaveOpen: true) { AutoFlush = true };
        try
        {
            await using var policyStore = await PolicyStore.OpenAsync(options, ct);
            var batch = new List<PolicyEvent>(batchSize);
            var index = 0;
            var written = 0L;
            var spec = string.Create(CultureInfo.InvariantCulture, $"{practices}/{patients}/{flags}/{redactions}/{batchSize}");
            foreach (var change in national.Changes())
            {
                batch.Add(new PolicyEvent(clock.GetUtcNow(), actor, "synthetic national state", change));
                if (batch.Count == batchSize)
                {
                    written += await CommitAsync(policyStore, batch, spec, index++, writer, ct);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                written += await CommitAsync(policyStore, batch, spec, index, writer, ct);
            }

            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {written} events ({national.EventCount} in the state) in {stopwatch.Elapsed.TotalSeconds:F1} s"));
            return ExitCodes.Ok;
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            stderr.WriteLine($"recordaccess generate-national: the store failed (committed batches stay; run again to complete): {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> CommitAsync(PolicyStore store, List<PolicyEvent> batch, string spec, int index, StreamWriter writer, CancellationToken ct)
    {
        var events = batch.ToArray();
        var outcome = await store.AppendAsync(new AppendRequest
        {
            KnownVersion = long.MaxValue,
            IdempotencyKey = $"generate-national:{spec}:{index}",
            Fingerprint = spec,
            Decide = _ => events,
        }, ct);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acknowledged version {outcome.LastVersion} (batch {index}{(outcome.Status == AppendStatus.AlreadyApplied ? ", already present" : string.Empty)})"));
        return outcome.Status == AppendStatus.Appended ? events.Length : 0;
    }
}
