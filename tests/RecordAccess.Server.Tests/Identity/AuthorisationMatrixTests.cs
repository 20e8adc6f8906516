using System.Globalization;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// Every RPC of RecordAccessGate and RecordAccessAdmin (listed from the generated service descriptors) × every caller that
/// must be refused: UNAUTHENTICATED or PERMISSION_DENIED, the state version unchanged and, for the gate, nothing audited.
/// And each caller that is allowed gets through with the same kind of request, so the refusals are not vacuous.
/// </summary>
public sealed class AuthorisationMatrixTests(AdminHost host) : IClassFixture<AdminHost>
{
    private static int _nextPractice = 10_000;

    public static TheoryData<string> Methods => new(Rpcs);

    public static TheoryData<string, string> Refusals
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var method in Rpcs)
            {
                foreach (var caller in MatrixCallers.Refused)
                {
                    rows.Add(method, caller);
                }
            }

            return rows;
        }
    }

    public static TheoryData<string, string> Allowed
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var method in Rpcs)
            {
                rows.Add(method, "staff of the practice");
                rows.Add(method, "supplier with the scope serving the practice");
            }

            return rows;
        }
    }

    /// <summary>Every RPC of the two services, from the generated descriptors: a new RPC is in the matrix without anyone adding it.</summary>
    private static List<string> Rpcs =>
        [.. new[] { GateReflection.Descriptor, AdminReflection.Descriptor }
            .SelectMany(file => file.Services)
            .SelectMany(service => service.Methods)
            .Select(m => $"{m.Service.FullName}/{m.Name}")];

    [Fact]
    public void Matrix_EveryRowIsAnRpcOfTheContracts()
    {
        Assert.All(MatrixMethods.All.Keys, row => Assert.Contains(row, Rpcs));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Call_CallerWithoutRights_RefusedAndNothingChangesOrIsAudited(string method, string caller)
    {
        var row = Row(method);
        var target = await PrepareAsync(row);
        var version = host.Version();

        var result = await CallAsync(method, row, target, MatrixCallers.Token(host.Tokens, caller, target, row.Scope));

        // A patient of a practice the caller may not act for is refused as an unknown one is: NOT_FOUND (decision 0090).
        var namesPatientOnly = !(method.EndsWith("/SetPracticeSettings", StringComparison.Ordinal) || method.EndsWith("/BatchCode", StringComparison.Ordinal)
            || method.EndsWith("/WatchChanges", StringComparison.Ordinal) || method.EndsWith("/RegisterPatient", StringComparison.Ordinal));
        var expected = MatrixCallers.Unauthenticated.Contains(caller) ? 16
            : namesPatientOnly && caller is "staff of another practice" or "supplier not serving the practice" ? 5
            : 7;
        if (method.EndsWith("/StreamEvaluate", StringComparison.Ordinal) && expected is 5 or 7 && result.StatusCode == 0)
        {
            // A stream is refused per record: the record's answer carries the status, with no decisions.
            var answer = Assert.Single(result.Parse(StreamEvaluateResponse.Parser));
            Assert.True(result.StatusCode == 0 && answer.Error?.Code == expected && answer.Decisions.Count == 0, $"{method} as {caller}: {result}, {answer}");
        }
        else
        {
            Assert.True(result.StatusCode == expected, $"{method} as {caller}: expected grpc-status {expected}, got {result}");
            Assert.Empty(result.Messages);
        }

        await Task.Delay(50);
        Assert.Equal(version, host.Version());
        Assert.Equal(0, await AuditedAsync(target.Nhs));
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Call_CallerWithRights_Answered(string method, string caller)
    {
        var row = Row(method);
        var target = await PrepareAsync(row);

        var result = await CallAsync(method, row, target, MatrixCallers.Token(host.Tokens, caller, target, row.Scope));

        Assert.True(result.StatusCode == 0 && result.Messages.Count > 0, $"{method} as {caller}: {result}");
        if (method.StartsWith("recordaccess.v1.RecordAccessGate/", StringComparison.Ordinal))
        {
            Assert.True(await AuditedAsync(target.Nhs) > 0, $"{method}: an answered gate call is audited");
        }
    }

    private static MatrixMethod Row(string method) =>
        MatrixMethods.All.TryGetValue(method, out var row) ? row : throw new Xunit.Sdk.XunitException($"{method} has no row in MatrixMethods: add a valid request and its scope.");

    /// <summary>A fresh practice and patient (so nothing else touches them), put in the state the request needs.</summary>
    private async Task<MatrixTarget> PrepareAsync(MatrixMethod row)
    {
        var ods = "B" + Interlocked.Increment(ref _nextPractice).ToString("D5", CultureInfo.InvariantCulture);
        var target = new MatrixTarget(ods, AdminCalls.NewNhsNumber(), AdminCalls.NewNhsNumber());
        var admin = host.Runtime().Admin;
        var why = new ChangeContext(Core.Policy.Actor.System("authorisation-matrix"), "set-up");
        Assert.True((await admin.SetPracticeSettingsAsync(why, ods, "2023-10-31", optedOut: false)).Succeeded);
        Assert.True((await admin.RegisterPatientAsync(why, target.Nhs, ods, "1980-05-05", "2010-01-01")).Succeeded);
        if (row.Prepare is { } prepare)
        {
            var prepared = await prepare(admin, why, target);
            Assert.True(prepared.Succeeded, prepared.ToString());
        }

        return target;
    }

    private async Task<RpcResult> CallAsync(string method, MatrixMethod row, MatrixTarget target, string? token)
    {
        using var client = host.CreateGrpcClient();
        (string, string)[] headers = token is null ? [("grpc-timeout", "5S")] : [("grpc-timeout", "5S"), ("authorization", $"Bearer {token}")];

        // WatchChanges never ends by itself: answered means its first event arrived.
        var stopAfter = method.EndsWith("/WatchChanges", StringComparison.Ordinal) ? 1 : (int?)null;
        return await client.CallAsync("/" + method, row.Request(target), stopAfter, headers);
    }

    private async Task<int> AuditedAsync(string nhs)
    {
        var count = 0;
        await foreach (var _ in host.Runtime().Store.ReadForPatientAsync(nhs))
        {
            count++;
        }

        return count;
    }
}
