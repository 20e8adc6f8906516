using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The real host in memory with a clock fixed at <see cref="Today"/> and a small FHIR body limit; state is written
/// through the real admin service and calls carry real tokens from the development issuer. Every FHIR response its
/// clients receive is recorded in <see cref="Responses"/> for the independent validator.
/// </summary>
public sealed class FhirHost(DateOnly today, FhirResponseRecorder? responses = null) : ServerHost(kestrel: false)
{
    public const int MaxBody = 256 * 1024;

    public FhirHost()
        : this(new DateOnly(2024, 10, 15))
    {
    }

    public FhirHost(FhirResponseRecorder responses)
        : this(new DateOnly(2024, 10, 15), responses)
    {
    }

    public DateOnly Today => today;

    /// <summary>The national pause switch (<c>FeatureManagement:NationalPause</c>) in this host's configuration.</summary>
    public bool NationalPause { get; init; }

    /// <summary>Every FHIR response body this host's clients received (shared when given to the constructor).</summary>
    public FhirResponseRecorder Responses { get; } = responses ?? new FhirResponseRecorder();

    internal PolicyAdmin Admin => Services.GetRequiredService<PolicyRuntime>().Admin;

    internal static ChangeContext Why { get; } = new(Actor.System("fhir-tests"), "test set-up");

    public string PatientToken(string nhsNumber, string proofing = "P9") =>
        Tokens.MintPatient(nhsNumber, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), proofing);

    /// <summary>A client that sends <paramref name="token"/> (if any) as a bearer token and records every FHIR response.</summary>
    public HttpClient CreateFhirClient(string? token)
    {
        var client = CreateDefaultClient(new FhirRecordingHandler(Responses));
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
        builder.UseSetting("FeatureManagement:NationalPause", NationalPause ? "true" : "false");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))));
    }
}
