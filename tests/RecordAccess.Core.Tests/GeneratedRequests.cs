using FsCheck;

namespace RecordAccess.Core.Tests;

/// <summary>The arbitrary of <see cref="Generators.Requests"/> for <c>[Property(Arbitrary = [typeof(GeneratedRequests)])]</c>.</summary>
public static class GeneratedRequests
{
    public static Arbitrary<Generated> Requests() => Generators.Requests;
}
