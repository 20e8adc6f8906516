using Microsoft.Extensions.Configuration;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// A configuration source a test changes while the host runs, as an operator's configuration reload would: a change
/// fires the configuration's reload token (FeatureManagement re-reads its switches on the next call).
/// </summary>
public sealed class SwitchableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Switch(string key, string? value)
    {
        if (value is null)
        {
            Data.Remove(key);
        }
        else
        {
            Data[key] = value;
        }

        OnReload();
    }
}
