using System.CommandLine;
using RecordAccess.Cli.Store;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess import-codes</c>: batch coding of many patients of one practice with one access code, all or nothing.</summary>
internal static class ImportCodesCommand
{
    public static Command Create(Stream stdout, TextWriter stderr, TimeProvider clock)
    {
        var store = new StoreArguments();
        var practice = new Option<string>("--practice") { Description = "The practice's ODS code (e.g. A81001).", Required = true };
        var code = new Option<string>("--code") { Description = "The SNOMED CT concept id: 1290331000000103, 1364731000000104 or 1364751000000106.", Required = true };
        var file = new Option<string>("--file") { Description = "The patients: one NHS number per line (first CSV column; an optional header line).", Required = true };
        var effective = new Option<string?>("--effective-date") { Description = "The codes' effective date, YYYY-MM-DD (default: today, UK)." };
        var reason = new Option<string>("--reason") { Description = "Why the practice is coding these patients (recorded with every event).", Required = true };
        var staffId = new Option<string?>("--staff-id") { Description = "The staff member's user id (with --staff-role); without it the change is recorded as made by this tool." };
        var staffRole = new Option<string?>("--staff-role") { Description = "The staff member's role code, e.g. R8000." };
        var key = new Option<string?>("--key") { Description = "An idempotency key: running the same batch again with the same key changes nothing." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would change (patients, access lost or gained today) without changing anything." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Apply the valid rows and report the invalid ones (default: any invalid row rejects the whole batch)." };
        var command = new Command(
            "import-codes",
            "Record one access code for many patients of one practice in one atomic write, and report line by line.\n"
            + "Exit codes: 0 committed (or dry run done); 2 rejected (bad option, invalid rows, the message names each); 1 the store failed.")
        {
            practice, code, file, effective, reason, staffId, staffRole, key, dryRun, skipInvalid,
        };
        store.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(new Args(
            parse.GetValue(practice)!, parse.GetValue(code)!, parse.GetValue(file)!, parse.GetValue(effective), parse.GetValue(reason)!,
            parse.GetValue(staffId), parse.GetValue(staffRole), parse.GetValue(key), parse.GetValue(dryRun), parse.GetValue(skipInvalid)),
            store.TryRead(parse, stderr, "import-codes", out var options) ? options : null, stdout, stderr, clock, ct));
        return command;
    }

    private static async Task<int> RunAsync(Args a, StorageOptions? options, Stream stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        if ((a.StaffId is null) != (a.StaffRole is null))
        {
            stderr.WriteLine("recordaccess import-codes: --staff-id and --staff-role go together");
            return ExitCodes.BadInput;
        }

        List<BatchRow> rows;
        try
        {
            using var reader = new StreamReader(a.File);
            rows = PatientCsv.Read(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"recordaccess import-codes: cannot read --file {a.File}: {e.Message}");
            return ExitCodes.BadInput;
        }

        var actor = a.StaffId is null ? Actor.System("recordaccess import-codes (" + Environment.UserName + ")") : Actor.Staff(a.StaffId, a.Practice, a.StaffRole!);
        var batch = new BatchCoding
        {
            Ods = a.Practice,
            Code = a.Code,
            EffectiveDate = a.EffectiveDate ?? UkCalendar.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Rows = rows,
            DryRun = a.DryRun,
            SkipInvalid = a.SkipInvalid,
            IdempotencyKey = a.Key,
        };

        BatchCodingResult result;
        try
        {
            var timing = System.Diagnostics.Stopwatch.StartNew();
            await using var policyStore = await PolicyStore.OpenAsync(options, ct);
            using var state = await PolicyLoader.LoadAsync(policyStore, ct);
            var loaded = timing.Elapsed;
            var admin = new PolicyAdmin(policyStore, state, clock);
            result = await admin.BatchCodeAsync(new ChangeContext(actor, a.Reason), batch, ct);
            if (Environment.GetEnvironmentVariable("RECORDACCESS_TIMING") == "1")
            {
                stderr.WriteLine($"timing: opened and loaded {state.PatientCount} patients in {loaded.TotalSeconds:F2} s; batch in {(timing.Elapsed - loaded).TotalSeconds:F2} s");
            }
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            stderr.WriteLine($"recordaccess import-codes: the store failed, nothing was changed by this command: {e.Message}");
            return ExitCodes.Failure;
        }

        return Report(result, a.File, stdout, stderr);
    }

    private static int Report(BatchCodingResult result, string file, Stream stdout, TextWriter stderr)
    {
        foreach (var p in result.Problems)
        {
            stderr.WriteLine($"recordaccess import-codes: {OptionName(p.Field)}: {p.Message}");
        }

        foreach (var row in result.InvalidRows)
        {
            stderr.WriteLine($"{file}:{row.Line}: {row.NhsNumber}: {row.Message}");
        }

        if (result.Problems.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        using var writer = new StreamWriter(stdout, leaveOpen: true);
        var counts = $"{result.PatientsChanged} patients coded, {result.PatientsUnchanged} already had this code, "
            + $"{result.LoseAccessToday} lose access today, {result.GainAccessToday} gain access today, {result.InvalidRows.Count} invalid rows";
        if (!result.Succeeded)
        {
            if (result.DryRun)
            {
                writer.WriteLine($"dry run at version {result.Version}: the valid rows would have {counts}");
            }

            stderr.WriteLine($"recordaccess import-codes: rejected: {result.InvalidRows.Count} invalid rows; nothing was changed (use --skip-invalid to apply the valid rows)");
            return ExitCodes.BadInput;
        }

        writer.WriteLine(result.DryRun ? $"dry run at version {result.Version}: would have {counts}; nothing was changed"
            : result.Replayed ? $"already committed at version {result.Version} under this --key: nothing was changed ({result.PatientsChanged} patients)"
            : $"committed version {result.Version}: {counts}");
        return ExitCodes.Ok;
    }

    private static string OptionName(string field) => field switch
    {
        "ods" => "--practice",
        "code" => "--code",
        "effectiveDate" => "--effective-date",
        "idempotencyKey" => "--key",
        "reason" => "--reason",
        "rows" => "--file",
        _ => field,
    };

    private sealed record Args(
        string Practice, string Code, string File, string? EffectiveDate, string Reason, string? StaffId, string? StaffRole, string? Key, bool DryRun, bool SkipInvalid);
}
