using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Identity.Development;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// A second real Kestrel on loopback acting as an OpenID provider (a stand-in for CIS2): discovery document at
/// <c>/.well-known/openid-configuration</c> and its own ES256 key at <c>jwks_uri</c>. It signs with a key of its own,
/// not the development issuer's; tokens name <see cref="Authority"/> as their issuer.
/// </summary>
internal sealed class OpenIdProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenIdProvider(WebApplication app, DevelopmentIssuer keys, string authority)
    {
        _app = app;
        Keys = keys;
        Authority = authority;
    }

    /// <summary>The provider's base URL, which is also its issuer name.</summary>
    public string Authority { get; }

    /// <summary>The provider's own signing key (minting with <c>issuer: Authority</c>).</summary>
    public DevelopmentIssuer Keys { get; }

    private int _metadataRequests;

    /// <summary>How often the service fetched the discovery document.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public static async Task<OpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();

        // Not the server's appsettings (its Kestrel:Endpoints would win over the listen call below).
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        OpenIdProvider? self = null;
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref self!._metadataRequests);
            return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = self.Authority,
                ["jwks_uri"] = $"{self.Authority}/jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            }), "application/json");
        });
        app.MapGet("/jwks", () => Results.Text(self!.Keys.CreateJwksJson(), "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var keyPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"recordaccess-test-op-{Guid.NewGuid():N}.pem");
        self = new OpenIdProvider(app, DevelopmentIssuer.LoadOrCreate(keyPath), address.TrimEnd('/'));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Keys.Dispose();
        File.Delete(Keys.KeyPath);
    }
}
