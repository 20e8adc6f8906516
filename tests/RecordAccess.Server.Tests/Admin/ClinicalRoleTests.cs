using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Fhir;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>
/// Lifting a flag or a restriction and releasing a sensitive entry need a clinical role (decision 0096,
/// docs/roles.md), decided once in PolicyAdmin: gRPC answers PERMISSION_DENIED and FHIR 403, and nothing changes.
/// </summary>
public sealed class ClinicalRoleTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    private string StaffIn(string role) => host.Tokens.MintStaff("staff-role-" + role, AdminCalls.Practice, role, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));

    [Theory]
    [InlineData("ResolveSafeguardingFlag")]
    [InlineData("LiftRestriction")]
    [InlineData("ReleaseEntry")]
    public async Task ClinicalChange_AdminClinicalSupportRole_PermissionDeniedAndNothingChanges(string method)
    {
        var nhs = await _client.RegisterNewPatientAsync(host);
        await PrepareAsync(method, nhs);
        var before = host.Version();

        var result = await _client.AdminAsync(method, Request(method, nhs), StaffIn(StaffRoles.AdminClinicalSupport));

        result.AssertStatus(7, "actor.role: ");
        Assert.Contains("needs a clinical role", result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(before, host.Version());
    }

    [Theory]
    [InlineData("ResolveSafeguardingFlag", StaffRoles.ClinicalPractitioner)]
    [InlineData("LiftRestriction", StaffRoles.HealthProfessional)]
    [InlineData("ReleaseEntry", StaffRoles.GeneralMedicalPractitioner)]
    public async Task ClinicalChange_ClinicalRole_Committed(string method, string role)
    {
        var nhs = await _client.RegisterNewPatientAsync(host);
        await PrepareAsync(method, nhs);
        var before = host.Version();

        var result = await _client.AdminAsync(method, Request(method, nhs), StaffIn(role));

        result.AssertStatus(0);
        Assert.Equal(before + 1, host.Version());
        Assert.Equal(role, (await host.EventAtAsync(before + 1)).Event.Actor.Role);
    }

    [Fact]
    public async Task RaiseFlag_AdminClinicalSupportRole_Committed()
    {
        // Withholding needs no clinical role: a receptionist who sees a risk may hide the record at once.
        var nhs = await _client.RegisterNewPatientAsync(host);

        var result = await _client.AdminAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "sg-1", Reason = "risk reported at the desk" }, StaffIn(StaffRoles.AdminClinicalSupport));

        result.AssertStatus(0);
    }

    [Fact]
    public async Task FhirFlagResolve_AdminClinicalSupportRole_403AndNothingChanges()
    {
        var fhir = new StaffFhirClient(host);
        var nhs = await _client.RegisterNewPatientAsync(host);
        var flag = StaffFhirClient.Example("Flag-safeguarding.json");
        flag.Remove("id");
        flag.Remove("meta");
        flag["subject"]!["identifier"]!["value"] = nhs;
        flag["subject"]!["reference"] = $"Patient/{nhs}";
        var clerk = StaffIn(StaffRoles.AdminClinicalSupport);
        var (raised, raisedBody) = await fhir.SendAsync(HttpMethod.Post, "/fhir/Flag", flag.ToJsonString(), token: clerk);
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var resource = JsonNode.Parse(raisedBody)!.AsObject();
        resource["status"] = "inactive";
        var before = host.Version();

        var (refused, refusedBody) = await fhir.SendAsync(HttpMethod.Put, $"/fhir/Flag/{resource["id"]}", resource.ToJsonString(), token: clerk);
        var (resolved, _) = await fhir.SendAsync(HttpMethod.Put, $"/fhir/Flag/{resource["id"]}", resource.ToJsonString(), token: StaffIn(StaffRoles.ClinicalPractitioner));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("clinical role", refusedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(before + 1, host.Version());
    }

    private async Task PrepareAsync(string method, string nhs)
    {
        var (prepare, message) = method switch
        {
            "ResolveSafeguardingFlag" => ("RaiseSafeguardingFlag", (IMessage)new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "sg-1", Reason = "set-up" }),
            "LiftRestriction" => ("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "set-up" }),
            _ => (null, null!),
        };
        if (prepare is not null)
        {
            (await _client.AdminAsync(prepare, message, host.Staff())).AssertStatus(0);
        }
    }

    private static IMessage Request(string method, string nhs) => method switch
    {
        "ResolveSafeguardingFlag" => new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "sg-1", Reason = "reviewed with the safeguarding lead" },
        "LiftRestriction" => new PatientChangeRequest { NhsNumber = nhs, Reason = "risk reviewed" },
        _ => new EntryChangeRequest { NhsNumber = nhs, EntryId = "entry-sensitive-1", Reason = "clinician reviewed" },
    };
}
