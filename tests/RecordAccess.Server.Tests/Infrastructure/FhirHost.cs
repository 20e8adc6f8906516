using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The real host in memory with a clock fixed at <see cref="Today"/> and a small FHIR body limit; state is written
/// through the real admin service and calls carry real tokens from the development issuer.
/// </summary>
public sealed class FhirHost(DateOnly today) : ServerHost(kestrel: false)
{
    public const int MaxBody = 256 * 1024;

    public FhirHost()
        : this(new DateOnly(2024, 10, 15))
    {
    }

    public DateOnly Today => today;

    internal PolicyAdmin Admin => Services.GetRequiredService<PolicyRuntime>().Admin;

    internal static ChangeContext Why { get; } = new(Actor.System("fhir-tests"), "test set-up");

    public string PatientToken(string nhsNumber, string proofing = "P9") =>
        Tokens.MintPatient(nhsNumber, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), proofing);

    /// <summary>A client that sends <paramref name="token"/> (if any) as a bearer token.</summary>
    public HttpClient CreateFhirClient(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent FhirJson(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Policy:SeedDemoData", "false");
        builder.UseSetting("Fhir:MaxRequestBodyBytes", MaxBody.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(today)));
    }
}
