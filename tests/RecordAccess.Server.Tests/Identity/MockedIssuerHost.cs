using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// The real host with a staff authority whose HTTP endpoint (discovery and keys) is <paramref name="backchannel"/>: the
/// JwtBearer scheme's backchannel handler is replaced from the test (Configure runs before JwtBearer's post-configure
/// builds the backchannel and the ConfigurationManager from it), so no request leaves the process.
/// </summary>
internal sealed class MockedIssuerHost(string authority, HttpMessageHandler backchannel, TimeSpan backchannelTimeout) : ServerHost(kestrel: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Policy:SeedDemoData", "false");
        builder.UseSetting("Identity:Staff:Authority", authority);
        builder.ConfigureServices(services =>
        {
            services.AddTestGrpcService<WhoAmIService>();
            services.Configure<JwtBearerOptions>("staff", o =>
            {
                o.BackchannelHttpHandler = backchannel;
                o.BackchannelTimeout = backchannelTimeout;
            });
        });
    }
}
