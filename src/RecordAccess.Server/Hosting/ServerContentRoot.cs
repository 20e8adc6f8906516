namespace RecordAccess.Server.Hosting;

/// <summary>
/// The content root is the server's own folder (<see cref="AppContext.BaseDirectory"/>), not the working directory,
/// so a published server started from anywhere reads its <c>appsettings.json</c> (decision 0078): without it the gRPC
/// endpoint silently fell back to Kestrel's defaults. A content root given explicitly (<c>--contentRoot</c>,
/// <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) still wins.
/// </summary>
internal static class ServerContentRoot
{
    public static WebApplicationOptions Options(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var explicitly = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return explicitly
            ? new WebApplicationOptions { Args = args }
            : new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory };
    }
}
