using Microsoft.AspNetCore.Hosting;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>The real host in memory, with the test-only WhoAmI service and extra settings (e.g. another environment or a production authority).</summary>
public sealed class IdentityHost : ServerHost
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public IdentityHost()
        : this(new Dictionary<string, string?>())
    {
    }

    internal IdentityHost(IReadOnlyDictionary<string, string?> settings)
        : base(kestrel: false) => _settings = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddTestGrpcService<WhoAmIService>());
    }
}
