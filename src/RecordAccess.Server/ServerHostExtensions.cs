using RecordAccess.Server.Admin;
using RecordAccess.Server.Fhir;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Identity.Development;
using RecordAccess.Server.Pages;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Safety;

namespace RecordAccess.Server;

/// <summary>The composition root, in two calls, so <c>Program</c> stays short and tests build the same host.</summary>
internal static class ServerHostExtensions
{
    public static WebApplicationBuilder AddRecordAccessServer(this WebApplicationBuilder builder)
    {
        KestrelEndpointCheck.Check(builder.Configuration);
        builder.Services.AddRecordAccessGrpc(builder.Configuration);
        builder.Services.AddRecordAccessTelemetry(builder.Configuration);
        builder.Services.AddRecordAccessPolicy(builder.Configuration);
        builder.Services.AddRecordAccessIdentity(builder.Configuration, builder.Environment);
        builder.Services.AddRecordAccessGate(builder.Configuration);
        builder.Services.AddRecordAccessAdmin(builder.Configuration);
        builder.Services.AddRecordAccessIncidents();
        builder.Services.AddFhir(builder.Configuration);
        builder.Services.AddStaffPages(builder.Configuration, builder.Environment);
        builder.Services.AddNearMisses(builder.Configuration);
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapRecordAccessServer(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<PolicyMetrics>();
        app.UseAuthentication();
        app.MapDevelopmentIssuer();
        app.MapStaffPages();
        app.MapFhir();
        app.MapRecordAccessGrpc();
        app.MapRecordAccessHealth();
        return app;
    }
}
