using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// Runs the independent FHIR validator (<c>tests/fhir-validation/validate.mjs</c>: FHIR.js and HL7's fhirpath.js
/// with the profiles in <c>fhir-profiles/</c>) on JSON. Shares no code with the server; installs its pinned npm
/// packages (<c>npm ci</c>) once when they are missing.
/// </summary>
internal static class FhirValidator
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ProfilesDirectory => Path.Combine(RepositoryRoot, "fhir-profiles");

    private static string ValidationDirectory => Path.Combine(RepositoryRoot, "tests", "fhir-validation");

    /// <summary>Validates files or directories as they are.</summary>
    public static Task<FhirValidationReport> ValidatePathsAsync(params string[] paths) => RunAsync(paths);

    /// <summary>Validates JSON texts (each written to its own file, named by its position).</summary>
    public static async Task<FhirValidationReport> ValidateAsync(IReadOnlyList<string> jsons)
    {
        ArgumentNullException.ThrowIfNull(jsons);
        var folder = Directory.CreateTempSubdirectory("recordaccess-fhir-");
        try
        {
            for (var i = 0; i < jsons.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{i:D4}.json"), jsons[i]);
            }

            return await RunAsync([folder.FullName]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Fails the test, listing every error, unless every JSON text is valid.</summary>
    public static async Task AssertValidAsync(params string[] jsons)
    {
        var report = await ValidateAsync(jsons);
        Assert.True(report.Valid && report.Results.Count == jsons.Length, $"The independent FHIR validator rejected what the server emitted:\n{report.Describe()}\n{string.Join("\n", jsons)}");
    }

    private static async Task<FhirValidationReport> RunAsync(IReadOnlyList<string> arguments)
    {
        await EnsureInstalledAsync();
        var (exitCode, output, error) = await ExecAsync("node", ValidationDirectory, ["validate.mjs", "--profiles", ProfilesDirectory, .. arguments]);
        Assert.True(exitCode is 0 or 1, $"validate.mjs failed to run (exit {exitCode}):\n{error}");
        using var document = JsonDocument.Parse(output);
        return FhirValidationReport.From(document.RootElement, exitCode);
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(ValidationDirectory, "node_modules")))
            {
                var (exitCode, output, error) = await ExecAsync("npm", ValidationDirectory, ["ci", "--no-audit", "--no-fund"]);
                Assert.True(exitCode == 0, $"npm ci in tests/fhir-validation failed (exit {exitCode}):\n{output}\n{error}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> ExecAsync(string file, string directory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RecordAccess.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (RecordAccess.sln) was not found above the test output directory.");
    }
}
