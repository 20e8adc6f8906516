using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>WatchChanges: resume, live events (this server's and another's), filtering by practice, deadline and cancellation.</summary>
public sealed class WatchChangesTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task WatchChanges_FromAVersion_SendsTheEventsAfterItThenLiveOnesWithTheTokensIdentity()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var from = host.Version();
        var nhs = await _client.RegisterNewPatientAsync(host);
        await WriteAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "risk" });
        await using var watch = await WatchStream.OpenAsync(_client, new WatchChangesRequest { FromVersion = (ulong)from }, host.Staff(), cts.Token);

        var replayed = new[] { await watch.NextAsync(), await watch.NextAsync() };
        await WriteAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "live-1", Reason = "concern" });
        var live = await watch.NextAsync();

        Assert.Equal([(ulong)from + 1, (ulong)from + 2], replayed.Select(e => e.Version));
        Assert.Equal(["PatientRegistered", "PatientRestricted"], replayed.Select(e => e.Kind));
        Assert.Equal(("SafeguardingFlagRaised", "live-1", nhs, "A81001", "concern"), (live.Kind, live.FlagId, live.NhsNumber, live.Ods, live.Reason));
        Assert.Equal(new Actor { Kind = "staff", Id = AdminCalls.StaffId, Ods = "A81001", Role = AdminCalls.Role }, live.Actor);
        Assert.Equal((ulong)host.Version(), live.Version);
    }

    [Fact]
    public async Task WatchChanges_StaffOfOnePractice_SeesOnlyEventsOfPatientsRegisteredThereAtTheTime()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var nhs = await _client.RegisterNewPatientAsync(host);
        var registered = host.Version();
        await WriteAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "risk" });
        var move = new RegisterPatientRequest { NhsNumber = nhs, Ods = AdminCalls.OtherPractice, DateOfBirth = "1980-05-05", RegistrationDate = "2024-06-01", Reason = "moved" };
        (await _client.AdminAsync("RegisterPatient", move, host.Supplier(["gate.admin"], AdminCalls.Practice, AdminCalls.OtherPractice))).AssertStatus(0);
        (await _client.AdminAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "f", Reason = "r" }, host.Staff(AdminCalls.OtherPractice))).AssertStatus(0);
        var marker = await _client.RegisterNewPatientAsync(host, AdminCalls.OtherPractice);

        await using var newPractice = await WatchStream.OpenAsync(_client, new WatchChangesRequest(), host.Staff(AdminCalls.OtherPractice), cts.Token);
        var seenByNew = await newPractice.UntilAsync(e => e.NhsNumber == marker);
        await using var oldPractice = await WatchStream.OpenAsync(_client, new WatchChangesRequest { FromVersion = (ulong)registered }, host.Staff(), cts.Token);
        var restricted = await oldPractice.NextAsync();

        Assert.All(seenByNew, e => Assert.Equal(AdminCalls.OtherPractice, e.Ods));
        Assert.Contains(seenByNew, e => e.Kind == "PracticeSettingsChanged");
        Assert.Equal(["PatientRegistered", "SafeguardingFlagRaised"], seenByNew.Where(e => e.NhsNumber == nhs).Select(e => e.Kind));
        Assert.Equal(("PatientRestricted", nhs, AdminCalls.Practice), (restricted.Kind, restricted.NhsNumber, restricted.Ods));
    }

    [Fact]
    public async Task WatchChanges_CommitOnAnotherServerSharingTheLog_ArrivesThroughTheFollower()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var peer = AdminHost.SharingStoreOf(host);
        using var peerClient = peer.CreateGrpcClient();
        // Opened before the commit; the response headers come with the first event, so the open completes after it.
        var opening = WatchStream.OpenAsync(_client, new WatchChangesRequest { FromVersion = (ulong)host.Version() }, host.Staff(), cts.Token);

        var nhs = await peerClient.RegisterNewPatientAsync(peer);
        await using var watch = await opening;
        var arrived = await watch.NextAsync();

        Assert.Equal(("PatientRegistered", nhs), (arrived.Kind, arrived.NhsNumber));
    }

    [Fact]
    public async Task WatchChanges_TokenExpires_StreamEndsUnauthenticatedAndLaterFlagsAreNotSent()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var nhs = await _client.RegisterNewPatientAsync(host);
        var now = DateTimeOffset.UtcNow;
        var shortLived = host.Tokens.MintStaff(AdminCalls.StaffId, AdminCalls.Practice, AdminCalls.Role, now.AddMinutes(-1), TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2));
        await using var watch = await WatchStream.OpenAsync(_client, new WatchChangesRequest { FromVersion = (ulong)host.Version() }, shortLived, cts.Token);
        await WriteAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "before-expiry", Reason = "concern" });
        var before = await watch.NextAsync();

        await Task.Delay(now.AddSeconds(2.5) - DateTimeOffset.UtcNow, cts.Token);
        await WriteAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "after-expiry", Reason = "concern" });
        var (after, status) = await watch.RestAsync();

        Assert.Equal("before-expiry", before.FlagId);
        Assert.Empty(after);
        Assert.Equal(global::Grpc.Core.StatusCode.Unauthenticated, status.StatusCode);
        Assert.Contains("expired", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchChanges_Deadline_EndsCleanlyWithDeadlineExceeded()
    {
        // On real Kestrel: after a deadline Grpc.AspNetCore sends the status and resets the stream, which TestServer
        // surfaces as an exception instead of the trailers.
        using var kestrel = new KestrelHost();
        using var client = kestrel.CreateGrpcClient();

        var result = await client.CallAsync(AdminCalls.Admin + "WatchChanges", new WatchChangesRequest { FromVersion = (ulong)kestrel.Version() },
            ("authorization", $"Bearer {kestrel.Staff()}"), ("grpc-timeout", "300m"));

        result.AssertStatus(4);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public async Task WatchChanges_ClientNeitherReadingNorStaying_WritersCarryOn()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stalled = await WatchStream.OpenAsync(_client, new WatchChangesRequest(), host.Staff(), cts.Token);
        var nhs = await _client.RegisterNewPatientAsync(host);

        for (var i = 0; i < 20; i++)
        {
            await WriteAsync("RedactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = $"e{i}", Reason = "third party" }).WaitAsync(TimeSpan.FromSeconds(5));
        }

        await stalled.DisposeAsync();
        await WriteAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "after the watcher left" }).WaitAsync(TimeSpan.FromSeconds(5));
    }

    private async Task WriteAsync(string method, Google.Protobuf.IMessage request) =>
        (await _client.AdminAsync(method, request, host.Staff())).AssertStatus(0);
}
