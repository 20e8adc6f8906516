using RecordAccess.Browser.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Browser.Tests;

/// <summary>The NHS design system served from wwwroot is the npm package's (decision 0097): byte for byte.</summary>
public sealed class VendoredAssetsTests
{
    [Theory]
    [InlineData("nhsuk-frontend.min.css", "nhsuk/nhsuk-frontend.min.css")]
    [InlineData("nhsuk-frontend.min.js", "nhsuk/nhsuk-frontend.min.js")]
    [InlineData("assets/images/nhsuk-icon-arrow-right-circle.svg", "assets/images/nhsuk-icon-arrow-right-circle.svg")]
    public void Wwwroot_FileFromNpm_Identical(string inPackage, string inWwwroot)
    {
        var root = StaffServer.RepositoryRoot();
        var package = Path.Combine(root, "src", "RecordAccess.Server", "frontend", "node_modules", "nhsuk-frontend", "dist", "nhsuk", inPackage);
        Assert.True(File.Exists(package), $"{package} is missing: run scripts/install-test-deps.sh (npm ci in src/RecordAccess.Server/frontend)");
        var served = Path.Combine(root, "src", "RecordAccess.Server", "wwwroot", inWwwroot);

        Assert.Equal(File.ReadAllBytes(package), File.ReadAllBytes(served));
    }
}
