using Microsoft.Extensions.Configuration;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Configuration a test changes while the host runs: each change raises the reload token, as a file edit would.</summary>
public sealed class SettableConfigurationProvider : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Set(params (string Key, string? Value)[] values)
    {
        foreach (var (key, value) in values)
        {
            Data[key] = value;
        }

        OnReload();
    }
}
