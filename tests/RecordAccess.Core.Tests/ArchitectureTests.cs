using RecordAccess.Core.Engine;
using Xunit;

namespace RecordAccess.Core.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Core_References_OnlyTheBaseLibrary()
    {
        var references = typeof(DecisionEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"RecordAccess.Core must reference only the .NET base library, but references {name}"));
        Assert.DoesNotContain(references, n => n.Contains("AspNetCore", StringComparison.Ordinal)
            || n.Contains("EntityFramework", StringComparison.Ordinal)
            || n.StartsWith("Grpc", StringComparison.Ordinal)
            || n.Contains("FeatureManagement", StringComparison.Ordinal));
    }
}
