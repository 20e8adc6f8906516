using System.CommandLine.Help;
using System.Text;
using RecordAccess.Cli;
using RecordAccess.Cli.Store;
using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Cli;

/// <summary>
/// The store commands of <c>recordaccess</c>, run in-process on a real SQLite store: bad input is
/// rejected with exit code 2 and a message naming the problem, and the store is unchanged.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class StoreCommandTests : IAsyncLifetime
{
    private static readonly string[] Nhs = [.. NationalState.NhsNumbers().Take(5)];
    private readonly SqliteStoreFactory _factory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("recordaccess-cli-").FullName;

    private string StorePath => _factory.Options.ConnectionString;

    public async Task InitializeAsync()
    {
        var (code, _, err) = await RunAsync("generate-national", "--store", StorePath, "--practices", "2", "--patients", "5", "--flags", "1", "--redactions", "2");
        Assert.True(code == 0, err);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "import: bad ODS", ["import-codes", "--practice", "g00000", "--code", "1364731000000104", "--file", "{csv}", "--reason", "r"], "--practice" },
        { "import: not an access code", ["import-codes", "--practice", "G00000", "--code", "22298006", "--file", "{csv}", "--reason", "r"], "--code" },
        { "import: bad effective date", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "{csv}", "--reason", "r", "--effective-date", "15/10/2024"], "--effective-date" },
        { "import: blank reason", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "{csv}", "--reason", " "], "--reason" },
        { "import: missing file", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "/nonexistent/p.csv", "--reason", "r"], "--file" },
        { "import: missing --practice", ["import-codes", "--code", "1364731000000104", "--file", "{csv}", "--reason", "r"], "--practice" },
        { "import: unknown provider", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "{csv}", "--reason", "r", "--provider", "mysql"], "--provider" },
        { "import: staff id without role", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "{csv}", "--reason", "r", "--staff-id", "u1"], "--staff-role" },
        { "import: invalid rows", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "{badcsv}", "--reason", "r"], "p.bad.csv:3" },
        { "import: empty file", ["import-codes", "--practice", "G00000", "--code", "1364731000000104", "--file", "{emptycsv}", "--reason", "r"], "--file" },
        { "state: bad NHS number", ["state", "--patient", "4000000005"], "--patient" },
        { "state: bad --as-of", ["state", "--patient", Nhs[0], "--as-of", "2025-02-30"], "--as-of" },
        { "history: bad NHS number", ["history", "--patient", "123"], "--patient" },
        { "evaluate: store without entries", ["evaluate", "--patient", Nhs[0]], "--entries" },
        { "evaluate: entries not entries", ["evaluate", "--patient", Nhs[0], "--entries", "{badentries}"], "kind" },
        { "evaluate: bad --date", ["evaluate", "--patient", Nhs[0], "--entries", "{entries}", "--date", "yesterday"], "--date" },
        { "evaluate: bad patient", ["evaluate", "--patient", "943 476 5918", "--entries", "{entries}"], "--patient" },
        { "generate: no practices", ["generate-national", "--practices", "0"], "--practices" },
        { "load-state: unknown provider", ["load-state", "--provider", "oracle"], "--provider" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Command_BadInput_ExitCode2MessageNamesProblemStoreUnchanged(string name, string[] args, string named)
    {
        var before = await VersionAsync();
        var (code, _, err) = await RunAsync([.. args.Select(Fill), "--store", StorePath]);

        Assert.True(code == 2, $"{name}: exit {code}: {err}");
        Assert.Contains(named, err, StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task ImportCodes_ThenStateAndHistory_ShowTheCodeAsOfEachDay()
    {
        var csv = Fill("{csv}");
        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var (code, stdout, err) = await RunAsync("import-codes", "--store", StorePath, "--practice", "G00000", "--code", "1364751000000106", "--file", csv, "--reason", "review done", "--key", "k1");
        Assert.True(code == 0, err);
        Assert.Contains("committed version", stdout, StringComparison.Ordinal);
        Assert.Contains("3 patients coded", stdout, StringComparison.Ordinal);

        var (retryCode, retryOut, _) = await RunAsync("import-codes", "--store", StorePath, "--practice", "G00000", "--code", "1364751000000106", "--file", csv, "--reason", "review done", "--key", "k1");
        Assert.Equal(0, retryCode);
        Assert.Contains("already committed", retryOut, StringComparison.Ordinal);

        var (_, on2March, _) = await RunAsync("state", "--store", StorePath, "--patient", Nhs[0], "--as-of", "2025-03-02");
        var (_, on3March, _) = await RunAsync("state", "--store", StorePath, "--patient", Nhs[0], "--as-of", "2025-03-03");
        Assert.DoesNotContain("1364751000000106", on2March, StringComparison.Ordinal);
        Assert.Contains("1364751000000106", on3March, StringComparison.Ordinal);

        var (_, history, _) = await RunAsync("history", "--store", StorePath, "--patient", Nhs[0]);
        Assert.Contains("PatientCodeRecorded  code 1364751000000106 effective 2025-03-03", history, StringComparison.Ordinal);
        Assert.Contains("why: review done", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_FromStore_DecidesWithStoredRedactionAndAudits()
    {
        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var (code, stdout, err) = await RunAsync("evaluate", "--store", StorePath, "--patient", Nhs[1], "--entries", Fill("{entries}"), "--caller", "test-supplier");

        Assert.True(code == 0, err);
        Assert.Contains("\"entryId\":\"entry-0\"", stdout, StringComparison.Ordinal);
        Assert.Contains("audited", err, StringComparison.Ordinal);
        await using var store = await _factory.OpenAsync();
        var audited = new List<Core.Policy.Audit.DecisionAuditRecord>();
        await foreach (var r in store.ReadForPatientAsync(Nhs[1]))
        {
            audited.Add(r);
        }

        Assert.Equal("test-supplier", Assert.Single(audited).Caller);
    }

    [Fact]
    public async Task Evaluate_FromStoreAuditUnwritable_Exit1EveryEntryUnavailable()
    {
        await using (var store = await _factory.OpenAsync())
        {
            await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
            await using var drop = store.Command(connection, null, "DROP TABLE decision_audit");
            await drop.ExecuteNonQueryAsync();
        }

        var (code, stdout, err) = await RunAsync("evaluate", "--store", StorePath, "--patient", Nhs[1], "--entries", Fill("{entries}"));

        Assert.Equal(1, code);
        Assert.Contains("\"reason\":\"DecisionUnavailable\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"visible\":true", stdout, StringComparison.Ordinal);
        Assert.Contains("audit could not be written", err, StringComparison.Ordinal);
    }

    private string Fill(string arg) => arg switch
    {
        "{csv}" => WriteFile("p.csv", $"nhs_number\n{Nhs[0]}\n{Nhs[2]}\n{Nhs[4]}\n"),
        "{badcsv}" => WriteFile("p.bad.csv", $"nhs_number\n{Nhs[0]}\n4000000005\n{Nhs[0]}\n"),
        "{emptycsv}" => WriteFile("p.empty.csv", "nhs_number\n"),
        "{entries}" => WriteFile("e.json", """[{"id":"entry-0","recordedDate":"2024-01-02","kind":"consultation","status":"final"}]"""),
        "{badentries}" => WriteFile("bad.json", """[{"id":"e1","recordedDate":"2024-01-02","kind":7,"status":"final"}]"""),
        _ => arg,
    };

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<long> VersionAsync()
    {
        await using var store = await _factory.OpenAsync();
        return await store.ReadVersionAsync();
    }

    /// <summary>As Program.cs: parse errors exit 2 with the messages on standard error.</summary>
    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var parse = CliApp.Create(TextReader.Null, stdout, stderr, _clock).Parse(args);
        int code;
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine(e.Message);
            }

            code = ExitCodes.BadInput;
        }
        else
        {
            code = await parse.InvokeAsync();
        }

        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
