using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Xunit;

namespace RecordAccess.Browser.Tests.Infrastructure;

/// <summary>
/// The real server (its built assembly, Kestrel on two loopback ports, a fresh SQLite database, the Development
/// environment with demo data and the development sign-in provider) and Debian's Chromium driven by Playwright.
/// No browser is downloaded: Chromium is /usr/bin/chromium (scripts/install-test-deps.sh installs it).
/// </summary>
public sealed class StaffServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "recordaccess-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Batches above this many rows need a second approver in these tests.</summary>
    public const int DualControlThreshold = 3;

    public static string Screenshots { get; } = Environment.GetEnvironmentVariable("RECORDACCESS_SCREENSHOTS")
        ?? Path.Combine(RepositoryRoot(), "tests", "RecordAccess.Browser.Tests", "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Directory.CreateDirectory(Screenshots);
        var http = FreePort();
        var grpc = FreePort();
        BaseUrl = $"http://127.0.0.1:{http}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add(ServerAssembly());
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Http:Url"] = BaseUrl,
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpc}",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "recordaccess.db")}",
            ["Identity:Development:KeyPath"] = Path.Combine(_directory, "development-key.pem"),
            ["StaffPages:DualControlThreshold"] = DualControlThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => Log(e.Data);
        _server.ErrorDataReceived += (_, e) => Log(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitReadyAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = ChromiumArgs, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A fresh browser context (no cookies) with the NHS web fonts blocked (no network here).</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, JavaScriptEnabled = true });
        await context.RouteAsync("https://**/*", route => route.AbortAsync());
        return context;
    }

    public string ServerLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private readonly System.Text.StringBuilder _log = new();

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException("The server exited:\n" + ServerLog);
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl + "/healthz/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not become ready:\n" + ServerLog);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ServerAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot(), "src", "RecordAccess.Server", "bin", configuration, "net10.0", "RecordAccess.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the server first (the test project builds it).", path);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecordAccess.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("RecordAccess.sln not found above the test assembly.");
    }
}
