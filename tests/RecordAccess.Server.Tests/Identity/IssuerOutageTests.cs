using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Moq;
using Moq.Protected;
using RecordAccess.Core.Policy;
using RecordAccess.Identity.Development;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// A production staff issuer whose HTTP endpoint is a Moq double of the JwtBearer backchannel (a real provider's outage
/// or key rotation cannot be staged here): a provider that hangs is answered UNAVAILABLE within the backchannel timeout
/// and nothing is decided (ID-10); a provider that rotates to a new signing key is followed without a restart (ID-12):
/// a token with an unknown key makes the key set be fetched again (at most once per <c>RefreshInterval</c>), so the
/// calls that arrive before that fetch completes are refused and the next ones accepted.
/// </summary>
public sealed class IssuerOutageTests : IDisposable
{
    private const string Authority = "https://cis2.recordaccess.invalid";
    private const string Metadata = Authority + "/.well-known/openid-configuration";
    private const string Jwks = Authority + "/jwks";

    private readonly DevelopmentIssuer _keyA = NewKey();
    private readonly DevelopmentIssuer _keyB = NewKey();

    public void Dispose()
    {
        foreach (var key in new[] { _keyA, _keyB })
        {
            key.Dispose();
            File.Delete(key.KeyPath);
        }
    }

    [Fact]
    public async Task Call_IssuerHangs_UnavailableWithinTheBackchannelTimeoutAndNothingDecided()
    {
        var provider = new Mock<HttpMessageHandler>();
        provider.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Returns(async (HttpRequestMessage _, CancellationToken cancellation) =>
            {
                await Task.Delay(Timeout.Infinite, cancellation);
                return new HttpResponseMessage(HttpStatusCode.OK);
            });
        using var host = new MockedIssuerHost(Authority, provider.Object, TimeSpan.FromSeconds(2));
        using var client = host.CreateGrpcClient();
        var nhs = await RegisterPatientAsync(host);
        var token = Staff(_keyA);
        var clock = Stopwatch.StartNew();

        var whoAmI = await client.CallAsync(WhoAmIService.Path, new EchoRequest(), ("authorization", $"Bearer {token}"));
        var evaluate = await client.CallAsync(
            GateHost.Gate + "EvaluateEntries",
            new EvaluateEntriesRequest { NhsNumber = nhs, Entries = { new Entry { Id = "e1", RecordedDate = "2024-01-02", Kind = EntryKind.Consultation, Status = EntryStatus.Final } } },
            ("authorization", $"Bearer {token}"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}");
        foreach (var result in new[] { whoAmI, evaluate })
        {
            Assert.True(result.StatusCode == 14, result.ToString());
            Assert.Equal(TokenFailure.IssuerUnreachable.Message, result.StatusMessage);
            Assert.Empty(result.Messages);
        }

        await foreach (var _ in host.Runtime().Store.ReadForPatientAsync(nhs))
        {
            Assert.Fail("a call whose token could not be checked was audited");
        }

        provider.Protected().Verify("SendAsync", Times.AtLeastOnce(), ItExpr.Is<HttpRequestMessage>(r => r.RequestUri!.AbsoluteUri == Metadata), ItExpr.IsAny<CancellationToken>());
    }

    [Fact]
    public async Task Call_TokenSignedWithARotatedKey_AcceptedAfterTheKeysAreFetchedAgain()
    {
        var rotated = 0;
        var provider = new Mock<HttpMessageHandler>();
        provider.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.Is<HttpRequestMessage>(r => r.RequestUri!.AbsoluteUri == Metadata), ItExpr.IsAny<CancellationToken>())
            .ReturnsAsync(() => Json(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = Authority,
                ["jwks_uri"] = Jwks,
                ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            })));
        provider.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.Is<HttpRequestMessage>(r => r.RequestUri!.AbsoluteUri == Jwks), ItExpr.IsAny<CancellationToken>())
            .ReturnsAsync(() => Json(Volatile.Read(ref rotated) == 0 ? _keyA.CreateJwksJson() : KeySet(_keyA, _keyB)));
        using var host = new MockedIssuerHost(Authority, provider.Object, TimeSpan.FromSeconds(10));
        using var client = host.CreateGrpcClient();

        var before = await CallAsync(client, Staff(_keyA));
        Assert.True(before.StatusCode == 0, before.ToString());

        // The provider rotates: tokens signed with B arrive, and its key set now lists A and B.
        Volatile.Write(ref rotated, 1);
        var withB = Staff(_keyB);
        RpcResult? after = null;
        for (var attempt = 0; attempt < 50 && after?.StatusCode != 0; attempt++)
        {
            after = await CallAsync(client, withB);
            if (after.StatusCode != 0)
            {
                Assert.True(after.StatusCode == 16, after.ToString());
                await Task.Delay(100);
            }
        }

        Assert.True(after!.StatusCode == 0, $"a token signed with the rotated key is still refused: {after}");
        Assert.Equal("staff:cis2-user@A81001", Assert.Single(after.Parse(EchoReply.Parser)).Text);
        Assert.True((await CallAsync(client, Staff(_keyA))).StatusCode == 0, "key A is still in the set");
        provider.Protected().Verify("SendAsync", Times.AtLeast(2), ItExpr.Is<HttpRequestMessage>(r => r.RequestUri!.AbsoluteUri == Jwks), ItExpr.IsAny<CancellationToken>());
    }

    private static async Task<RpcResult> CallAsync(HttpClient client, string token) =>
        await client.CallAsync(WhoAmIService.Path, new EchoRequest(), ("authorization", $"Bearer {token}"));

    private static string Staff(DevelopmentIssuer key) =>
        key.Mint("staff", new Dictionary<string, object> { ["sub"] = "cis2-user", ["org_code"] = "A81001", ["role_code"] = "R8000" }, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), issuer: Authority);

    /// <summary>A practice switched on and a registered patient, so that an authenticated call would be decided and audited.</summary>
    private static async Task<string> RegisterPatientAsync(ServerHost host)
    {
        var admin = host.Runtime().Admin;
        var why = new ChangeContext(Core.Policy.Actor.System("issuer-outage-tests"), "set-up");
        var nhs = AdminCalls.NewNhsNumber();
        Assert.True((await admin.SetPracticeSettingsAsync(why, "A81001", "2023-10-31", optedOut: false)).Succeeded);
        Assert.True((await admin.RegisterPatientAsync(why, nhs, "A81001", "1980-05-05", "2010-01-01")).Succeeded);
        return nhs;
    }

    private static string KeySet(params DevelopmentIssuer[] keys) =>
        new JsonObject { ["keys"] = new JsonArray([.. keys.SelectMany(k => JsonNode.Parse(k.CreateJwksJson())!["keys"]!.AsArray()).Select(k => k!.DeepClone())]) }.ToJsonString();

    private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static DevelopmentIssuer NewKey() =>
        DevelopmentIssuer.LoadOrCreate(Path.Combine(Path.GetTempPath(), $"recordaccess-test-op-{Guid.NewGuid():N}.pem"));
}
