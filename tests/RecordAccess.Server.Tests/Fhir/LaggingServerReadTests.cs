using System.Net;
using Microsoft.AspNetCore.Hosting;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Two servers on one SQLite log, the second lagging (it does not follow the log during the test): no read on it ever
/// crosses practices (decision 0090). Staff FHIR reads authorise against the durable history they return, so a new
/// registration or a move the lagging server's memory has not seen cannot hand a Flag (reason text included) to the
/// wrong practice; gRPC reads authorise and answer from the same (older) state version, so they show the practice that
/// held the record at that version nothing recorded after the move.
/// </summary>
public sealed class LaggingServerReadTests
{
    private const string Here = "A81001";
    private const string There = "A81002";

    [Fact]
    public async Task StaffReads_OnALaggingServer_NeverCrossPractices()
    {
        using var leader = new AdminHost();
        var admin = leader.Runtime().Admin;
        var moved = AdminCalls.NewNhsNumber();
        var joined = AdminCalls.NewNhsNumber();
        Ok(await admin.RegisterPatientAsync(Why("registered here"), moved, Here, "1980-05-05", "2010-01-01"));
        Ok(await admin.RaiseSafeguardingFlagAsync(Why("raised here"), moved, "here-1"));

        using var lagging = new LaggingHost(leader.StorePath);
        var laggingState = lagging.Runtime().State;
        Assert.Equal(leader.Version(), laggingState.Version);

        // Written through the leader only: a new registration there, and a move of a patient from here to there.
        Ok(await admin.RegisterPatientAsync(Why("registered there"), joined, There, "1980-05-05", "2010-01-01"));
        Ok(await admin.RaiseSafeguardingFlagAsync(Why("secret: joined there"), joined, "there-1"));
        Ok(await admin.RegisterPatientAsync(Why("moved"), moved, There, "1980-05-05", "2024-06-01"));
        Ok(await admin.RaiseSafeguardingFlagAsync(Why("secret: raised after the move"), moved, "there-2"));
        Assert.True(laggingState.Version < leader.Version(), "the second server must lag for this test");
        Assert.Null(laggingState.FindPatient(joined));
        Assert.Equal(Here, laggingState.FindPatient(moved)!.Ods);

        var fhir = new StaffFhirClient(lagging);
        var flagHere = await FlagIdAsync(leader, moved, "here-1");
        foreach (var nhs in new[] { joined, moved })
        {
            foreach (var path in new[] { $"/fhir/Flag?patient=Patient/{nhs}", $"/fhir/Consent?patient=Patient/{nhs}", $"/fhir/AuditEvent?patient=Patient/{nhs}" })
            {
                var (here, hereBody) = await fhir.SendAsync(HttpMethod.Get, path, token: fhir.StaffToken(Here));
                var (there, thereBody) = await fhir.SendAsync(HttpMethod.Get, path, token: fhir.StaffToken(There));

                Assert.True(here.StatusCode == HttpStatusCode.NotFound, $"{path} for {Here}: {here.StatusCode} {hereBody}");
                Assert.DoesNotContain("secret", hereBody, StringComparison.Ordinal);
                Assert.True(there.StatusCode == HttpStatusCode.OK, $"{path} for {There}: {there.StatusCode} {thereBody}");
            }

            var (flags, flagsBody) = await fhir.SendAsync(HttpMethod.Get, $"/fhir/Flag?patient=Patient/{nhs}", token: fhir.StaffToken(There));
            Assert.Equal(HttpStatusCode.OK, flags.StatusCode);
            Assert.Contains("secret", flagsBody, StringComparison.Ordinal);
        }

        var (byId, byIdBody) = await fhir.SendAsync(HttpMethod.Get, $"/fhir/Flag/{flagHere}", token: fhir.StaffToken(Here));
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.DoesNotContain("raised here", byIdBody, StringComparison.Ordinal);

        // gRPC on the lagging server reads its own state version: the patient is still here there, and nothing recorded
        // after the move (the flag raised there) is in the answer.
        using var grpc = lagging.CreateGrpcClient();
        var state = await grpc.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = moved }, lagging.Staff(Here));
        var patient = PatientState.Parser.ParseFrom(Assert.Single(state.Messages));
        Assert.Equal(["here-1"], patient.SafeguardingFlags);
        (await grpc.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = joined }, lagging.Staff(There))).AssertStatus(5, "nhs_number");

        // Caught up: the practice left is refused on gRPC too, exactly as for a patient never known.
        await lagging.Runtime().Follower.CatchUpAsync(CancellationToken.None);
        var left = await grpc.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = moved }, lagging.Staff(Here));
        var never = await grpc.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = AdminCalls.NewNhsNumber() }, lagging.Staff(Here));
        Assert.Equal((5, never.StatusMessage), (left.StatusCode, left.StatusMessage));
    }

    private static async Task<string> FlagIdAsync(ServerHost host, string nhs, string flagId)
    {
        await foreach (var e in host.Runtime().Store.ReadPatientHistoryAsync(nhs))
        {
            if (e.Event.Change is Core.Policy.Events.SafeguardingFlagRaised raised && raised.FlagId == flagId)
            {
                return $"flag-{e.Version}";
            }
        }

        throw new InvalidOperationException($"no flag {flagId}");
    }

    private static ChangeContext Why(string reason) => new(Core.Policy.Actor.System("lagging-tests"), reason);

    private static void Ok(Core.Policy.Admin.AdminResult result) => Assert.True(result.Succeeded, result.ToString());

    /// <summary>A server on another host's SQLite file that does not poll the log during a test, yet counts as fresh.</summary>
    private sealed class LaggingHost(string storePath) : ServerHost(kestrel: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:ConnectionString", $"Data Source={storePath}");
            builder.UseSetting("Policy:FollowInterval", "01:00:00");
            builder.UseSetting("Policy:MaxStaleness", "1.00:00:00");
        }
    }
}
