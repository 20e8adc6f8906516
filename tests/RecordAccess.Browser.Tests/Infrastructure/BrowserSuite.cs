using Xunit;

namespace RecordAccess.Browser.Tests.Infrastructure;

/// <summary>One server and one Chromium for every browser test class (tests in the collection run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<StaffServer>
{
    public const string Name = "browser";
}
