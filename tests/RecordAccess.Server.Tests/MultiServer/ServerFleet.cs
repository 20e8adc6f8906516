using Grpc.Core;
using Npgsql;
using RecordAccess.Identity.Development;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Three server processes on one fresh PostgreSQL database (on the server named by <c>RECORDACCESS_TEST_POSTGRES</c>,
/// started by scripts/postgres.sh; missing, the tests fail, never skip), sharing one development signing key so
/// one token works on all three; a practice switched on and its staff token. Disposing stops them and drops the database.
/// </summary>
internal sealed class ServerFleet : IAsyncDisposable
{
    public const string Variable = "RECORDACCESS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _database = "ra_fleet_" + Guid.NewGuid().ToString("N");
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("recordaccess-fleet-").FullName;
    private readonly List<ServerProcess> _servers = [];
    private Dictionary<string, string> _environment = [];

    private ServerFleet(string server) => _server = server;

    public IReadOnlyList<ServerProcess> Servers => _servers;

    /// <summary>The fleet's database, for a test that writes to the log as another process would.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    /// <summary>Staff of <see cref="AdminCalls.Practice"/>: may write and evaluate for its patients on every server.</summary>
    public Metadata Staff { get; private set; } = [];

    /// <param name="count">How many servers.</param>
    /// <param name="postgres">The PostgreSQL server to make the database on; by default the one named by <see cref="Variable"/>.</param>
    /// <param name="settings">More environment variables for every server (e.g. <c>Policy__MaxStaleness</c>).</param>
    public static async Task<ServerFleet> StartAsync(int count = 3, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = postgres ?? (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{Variable} is not set: the multi-server tests need a real PostgreSQL. Run the README's test command, " +
                "or: eval \"$(scripts/postgres.sh start)\" before dotnet test."));
        var fleet = new ServerFleet(server);
        try
        {
            await fleet.CreateDatabaseAsync();
            var keyPath = Path.Combine(fleet._keyDirectory, "signing-key.pem");
            using (var issuer = DevelopmentIssuer.LoadOrCreate(keyPath))
            {
                var token = issuer.MintStaff(AdminCalls.StaffId, AdminCalls.Practice, AdminCalls.Role, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
                fleet.Staff = [new Metadata.Entry("authorization", $"Bearer {token}")];
            }

            var environment = new Dictionary<string, string>
            {
                ["Storage__Provider"] = "Postgres",
                ["Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = fleet._database }.ConnectionString,
                ["Identity__Development__Enabled"] = "true",
                ["Identity__Development__KeyPath"] = keyPath,
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }

            fleet._environment = environment;

            // The first migrates the schema; the others then start side by side.
            fleet._servers.Add(await ServerProcess.StartAsync("A", environment));
            var joining = Enumerable.Range(1, count - 1).Select(i => ServerProcess.StartAsync(((char)('A' + i)).ToString(), environment)).ToList();
            try
            {
                fleet._servers.AddRange(await Task.WhenAll(joining));
            }
            catch
            {
                // WhenAll has waited for every start: the ones that did start are ended too, never left running.
                foreach (var started in joining.Where(t => t.IsCompletedSuccessfully))
                {
                    started.Result.Dispose();
                }

                throw;
            }

            await fleet.Servers[0].Admin.SetPracticeSettingsAsync(
                new SetPracticeSettingsRequest { Ods = AdminCalls.Practice, SwitchOnDate = "2023-10-31", Reason = "fleet set-up" }, fleet.Staff);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more server on the fleet's database (a server joining), with the fleet's settings.</summary>
    public async Task<ServerProcess> JoinAsync(string name)
    {
        var server = await ServerProcess.StartAsync(name, _environment);
        _servers.Add(server);
        return server;
    }

    /// <summary>Registers a new adult patient through <paramref name="server"/> and returns the NHS number and the version.</summary>
    public async Task<(string Nhs, ulong Version)> RegisterPatientAsync(ServerProcess server)
    {
        var nhs = AdminCalls.NewNhsNumber();
        var written = await server.Admin.RegisterPatientAsync(
            new RegisterPatientRequest { NhsNumber = nhs, Ods = AdminCalls.Practice, DateOfBirth = "1980-05-05", RegistrationDate = "2010-01-01", Reason = "new patient" },
            Staff);
        return (nhs, written.StateVersion);
    }

    /// <summary>The reason <paramref name="server"/> gives now for one ordinary consultation of the patient.</summary>
    public async Task<Reason> ReasonAsync(ServerProcess server, string nhs, ulong minStateVersion = 0)
    {
        var request = new EvaluateEntriesRequest { NhsNumber = nhs, MinStateVersion = minStateVersion };
        request.Entries.Add(new Entry { Id = "e1", RecordedDate = "2024-01-02", Kind = EntryKind.Consultation, Status = EntryStatus.Final });
        var answer = await server.Gate.EvaluateEntriesAsync(request, Staff, deadline: DateTime.UtcNow.AddSeconds(5));
        return answer.Decisions[0].Reason;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_keyDirectory, recursive: true);
    }

    private async Task CreateDatabaseAsync()
    {
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
}
