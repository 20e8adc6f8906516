using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Cases;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// The whole conformance corpus over gRPC from an independent client: every case's state is loaded into one real
/// server (each case gets its own practice and patient identifiers, so states cannot meet), then one Python process
/// (Debian's python3-grpcio) reads the case files itself, sets the server's clock to the case's evaluation date and
/// the national pause through the test-only control service, sends the entries with EvaluateEntries and again as
/// records on StreamEvaluate, and compares the answers with <c>expected</c>. A case invalid as a whole is answered
/// with a status instead (N3): INVALID_ARGUMENT for an invalid NHS number, NOT_FOUND naming nhs_number otherwise (its
/// state cannot be stored, so the patient is not known, and an unknown patient is refused as any patient the caller may
/// not act for is: decision 0090).
/// </summary>
public sealed class ConformanceInteropTests(EmptyInteropHost host) : IClassFixture<EmptyInteropHost>
{
    private const string Practices = "Y";

    [Fact]
    public async Task PythonGrpcio_ConformanceCorpus_AnswersAsExpected()
    {
        Assert.True(File.Exists(InteropProcess.Python), $"{InteropProcess.Python} is missing: apt-get install python3 python3-grpcio python3-grpc-tools");
        host.StartServer();
        var corpus = Path.Combine(InteropProcess.Directory, "conformance");
        var files = Directory.EnumerateFiles(corpus, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 100, $"expected the conformance corpus in {corpus}");

        var admin = host.Services.GetRequiredService<PolicyRuntime>().Admin;
        host.Clock.Now = new DateTimeOffset(2200, 1, 1, 12, 0, 0, TimeSpan.Zero); // no fact of a case is "in the future"
        var manifest = new List<Dictionary<string, object>>();
        var practices = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var request = CaseReader.ReadCorpusCase(await File.ReadAllBytesAsync(files[i])).Request;
            var item = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["file"] = Path.GetFileName(files[i]),
                ["pause"] = request.NationalPause,
            };
            manifest.Add(item);
            if (!request.EvaluationDate.IsValid)
            {
                item["expect"] = "skip";
                item["why"] = "an unreadable evaluation date cannot be a server's clock";
                continue;
            }

            item["date"] = request.EvaluationDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (RequestValidator.FindProblem(request) is { } problem)
            {
                var nhs = request.Patient?.NhsNumber;
                var validNhs = nhs is not null && NhsNumber.IsValid(nhs);
                item["nhs"] = validNhs ? TestNhs.Make(200_000 + i) : nhs ?? string.Empty;
                item["expect"] = validNhs ? "NOT_FOUND" : "INVALID_ARGUMENT";
                item["why"] = problem.ToString();
                continue;
            }

            var ods = Practices + i.ToString("D5", CultureInfo.InvariantCulture);
            practices.Add(ods);
            item["nhs"] = await LoadStateAsync(admin, request, ods, TestNhs.Make(100_000 + i), item["file"].ToString()!);
            item["expect"] = "decisions";
        }

        host.Clock.Now = null;
        var manifestPath = Path.Combine(Path.GetTempPath(), $"recordaccess-corpus-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest));
        try
        {
            var token = host.Tokens.MintSupplier("interop-corpus", ["gate.evaluate"], practices, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
            var (exitCode, output) = await InteropProcess.RunAsync(InteropProcess.Python,
                [
                    Path.Combine(InteropProcess.Directory, "python", "corpus_client.py"),
                    "--target", $"127.0.0.1:{host.GrpcAddress.Port}",
                    "--protos", Path.Combine(InteropProcess.Directory, "protos"),
                    "--corpus", corpus,
                    "--manifest", manifestPath,
                ],
                new Dictionary<string, string>(StringComparer.Ordinal) { ["RA_TOKEN"] = token },
                TimeSpan.FromSeconds(120));

            var skipped = manifest.Count(m => (string)m["expect"] == "skip");
            Assert.True(exitCode == 0, $"corpus_client.py exited {exitCode}:\n{output}");
            Assert.Contains($"corpus: {files.Count - skipped} passed, 0 failed, {skipped} skipped\n", output, StringComparison.Ordinal);
            Assert.Contains("stream: ", output, StringComparison.Ordinal);
            Assert.Equal(5, skipped); // the five cases of an unreadable evaluation date (r00-evaluation-date-*)
        }
        finally
        {
            File.Delete(manifestPath);
        }
    }

    /// <summary>Writes a valid case's practice and patient through the admin service; returns the NHS number to send.</summary>
    private static async Task<string> LoadStateAsync(PolicyAdmin admin, DecisionRequest request, string ods, string nhs, string file)
    {
        var system = new ChangeContext(Actor.System("interop-corpus"), $"conformance case {file}");
        var refusals = (await CorpusState.WriteAsync(admin, system, request, ods, nhs))
            .SelectMany(w => w.Refusals(CorpusState.IgnoredCodes).Select(p => $"{w.Fact}: {p}")).ToList();
        Assert.True(refusals.Count == 0, $"{file}: the admin service refused a fact of a valid case: {string.Join("; ", refusals)}");
        return nhs;
    }
}
