using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Policy;
using Xunit;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Raw calls to recordaccess.v1.RecordAccessAdmin with real signed tokens, and canonical test callers.</summary>
internal static class AdminCalls
{
    public const string Admin = "/recordaccess.v1.RecordAccessAdmin/";

    /// <summary>A demo practice (switched on 2023-10-31) and its staff member.</summary>
    public const string Practice = "A81001";

    public const string OtherPractice = "A81002";

    public const string StaffId = "staff-admin-1";

    public const string Role = "R8000";

    private static int _nextPatient = Random.Shared.Next(1_000, 100_000_000);

    public static Task<RpcResult> AdminAsync(this HttpClient client, string method, IMessage message, string? token) =>
        client.CallAsync(Admin + method, message, token is null ? [] : [("authorization", $"Bearer {token}")]);

    public static string Staff(this ServerHost host, string ods = Practice, string userId = StaffId) =>
        host.Tokens.MintStaff(userId, ods, Role, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));

    public static string Supplier(this ServerHost host, string[] scopes, params string[] practices) =>
        host.Tokens.MintSupplier("supplier-test", scopes, practices, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));

    public static string Patient(this ServerHost host, string nhsNumber = "9434765919") =>
        host.Tokens.MintPatient(nhsNumber, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));

    public static PolicyRuntime Runtime(this ServerHost host) => host.Services.GetRequiredService<PolicyRuntime>();

    public static long Version(this ServerHost host) => host.Runtime().State.Version;

    /// <summary>The event committed at <paramref name="version"/>, read back from the store.</summary>
    public static async Task<RecordedEvent> EventAtAsync(this ServerHost host, long version) =>
        Assert.Single(await host.Runtime().Store.ReadPageAsync(version - 1, 1), e => e.Version == version);

    /// <summary>A valid NHS number no other test uses (the next stem with a check digit after a random start).</summary>
    public static string NewNhsNumber()
    {
        while (true)
        {
            if (TestNhs.WithCheckDigit(900_000_000L + Interlocked.Increment(ref _nextPatient)) is { } nhs)
            {
                return nhs;
            }
        }
    }

    /// <summary>Registers a new adult patient at <paramref name="ods"/> as its staff and returns the NHS number.</summary>
    public static async Task<string> RegisterNewPatientAsync(this HttpClient client, ServerHost host, string ods = Practice)
    {
        var nhs = NewNhsNumber();
        var result = await client.AdminAsync("RegisterPatient", new RegisterPatientRequest
        {
            NhsNumber = nhs, Ods = ods, DateOfBirth = "1980-05-05", RegistrationDate = "2010-01-01", Reason = "new patient",
        }, host.Staff(ods));
        Assert.True(result.StatusCode == 0, result.ToString());
        return nhs;
    }

    public static void AssertStatus(this RpcResult result, int code, string? messageStart = null)
    {
        Assert.True(result.StatusCode == code, $"expected grpc-status {code}, got {result}");
        if (messageStart is not null)
        {
            Assert.StartsWith(messageStart, result.StatusMessage, StringComparison.Ordinal);
        }
    }
}
