using System.Net;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// The development sign-in provider exists only in Development with the development issuer (decision 0095). The
/// Development path itself is exercised end to end by tests/RecordAccess.Browser.Tests (it needs a real listener: the
/// OpenID Connect client reads the provider's metadata over HTTP).
/// </summary>
public sealed class StaffSignInGuardTests
{
    [Fact]
    public async Task Pages_ProductionWithoutAuthority_NoPagesAndNoDevelopmentSignIn()
    {
        using var host = new IdentityHost(new Dictionary<string, string?> { ["environment"] = "Production", ["Identity:Development:Enabled"] = "false" });
        using var http = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var root = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var signIn = await http.GetAsync(new Uri("/connect/authorize?client_id=recordaccess-staff-pages", UriKind.Relative));
        using var discovery = await http.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, discovery.StatusCode);
    }
}
