using System.CommandLine;
using System.Text;
using RecordAccess.Cli.Store;
using RecordAccess.Core.Cases;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Commands;

/// <summary>The <c>evaluate --store</c> mode: facts from the policy store, entries from a file, the request audited.</summary>
internal sealed class EvaluateFromStore
{
    private readonly StoreArguments _store = new();

    private readonly Option<string?> _patient = new("--patient") { Description = "With --store: the patient's NHS number." };

    private readonly Option<string?> _entries = new("--entries") { Description = "With --store: a JSON array of entries in conformance-case form, or - for standard input." };

    private readonly Option<string?> _date = new("--date") { Description = "With --store: a what-if evaluation date, YYYY-MM-DD (default: today, UK)." };

    private readonly Option<string> _caller = new("--caller") { Description = "With --store: who is asking (recorded in the audit).", DefaultValueFactory = _ => "recordaccess-cli" };

    public void AddTo(Command command)
    {
        _store.Store.Required = false;
        _store.AddTo(command);
        command.Options.Add(_patient);
        command.Options.Add(_entries);
        command.Options.Add(_date);
        command.Options.Add(_caller);
    }

    public bool IsRequested(ParseResult parse) => parse.GetValue(_store.Store) is not null || parse.GetValue(_patient) is not null || parse.GetValue(_entries) is not null;

    public async Task<int> RunAsync(ParseResult parse, string? caseSource, bool pretty, Stream stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        if (caseSource is not null)
        {
            stderr.WriteLine("recordaccess evaluate: give either a case file or --store with --patient and --entries, not both");
            return ExitCodes.BadInput;
        }

        if (!_store.TryRead(parse, stderr, "evaluate", out var options))
        {
            return ExitCodes.BadInput;
        }

        if (!NhsNumber.TryParseDisplayed(parse.GetValue(_patient), out var nhs, out var nhsError))
        {
            stderr.WriteLine($"recordaccess evaluate: --patient {nhsError}");
            return ExitCodes.BadInput;
        }

        DateOnly? date = null;
        if (parse.GetValue(_date) is { } dateText)
        {
            if (!UkDates.TryParse(dateText, out var d))
            {
                stderr.WriteLine($"recordaccess evaluate: --date must be a YYYY-MM-DD calendar date, not '{dateText}'");
                return ExitCodes.BadInput;
            }

            date = d;
        }

        if (ReadEntries(parse.GetValue(_entries), stderr) is not { } entries)
        {
            return ExitCodes.BadInput;
        }

        try
        {
            await using var policyStore = await PolicyStore.OpenAsync(options, ct);
            using var state = await PolicyLoader.LoadPatientAsync(policyStore, nhs.Value, cancellationToken: ct);
            var audit = new AuditGroupCommitter(policyStore);
            GateAnswer answer;
            await using (audit)
            {
                answer = await new PolicyGate(state, audit, clock).EvaluateAsync(parse.GetValue(_caller)!, nhs.Value, entries, nationalPause: false, date, cancellationToken: ct);
            }

            DecisionWriter.Write(stdout, [.. answer.Decisions], pretty);
            stdout.WriteByte((byte)'\n');
            stdout.Flush();
            if (answer.AuditFailed)
            {
                stderr.WriteLine("recordaccess evaluate: the audit could not be written: every entry is withheld (DecisionUnavailable)");
                return ExitCodes.Failure;
            }

            stderr.WriteLine($"recordaccess evaluate: decision {answer.DecisionId} audited (state version {answer.StateVersion})");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            stderr.WriteLine($"recordaccess evaluate: the store failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static IReadOnlyList<EntryFacts>? ReadEntries(string? source, TextWriter stderr)
    {
        if (source is null)
        {
            stderr.WriteLine("recordaccess evaluate: --entries is required with --store (a JSON array of entries)");
            return null;
        }

        byte[] json;
        try
        {
            json = source == "-" ? Encoding.UTF8.GetBytes(Console.In.ReadToEnd()) : File.ReadAllBytes(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"recordaccess evaluate: cannot read --entries {source}: {e.Message}");
            return null;
        }

        // The entries are read by the case reader (strict: unknown fields and wrong types are errors) inside a case shell.
        var shell = Encoding.UTF8.GetBytes("{\"practice\":null,\"patient\":null,\"entries\":").Concat(json).Concat("}"u8.ToArray()).ToArray();
        try
        {
            return CaseReader.Read(shell).Entries;
        }
        catch (CaseFormatException e)
        {
            stderr.WriteLine($"recordaccess evaluate: --entries {source} is not a JSON array of entries: {e.Message}");
            return null;
        }
    }
}
