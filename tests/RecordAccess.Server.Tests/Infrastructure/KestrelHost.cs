namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The host on real Kestrel sockets: the appsettings' HTTP/2-only and HTTP/1.1 endpoints on free loopback ports.</summary>
public sealed class KestrelHost : ServerHost
{
    public KestrelHost()
        : base(kestrel: true)
    {
        UseKestrel();
    }
}
