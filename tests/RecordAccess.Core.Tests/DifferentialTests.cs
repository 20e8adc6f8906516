using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using Xunit;

namespace RecordAccess.Core.Tests;

/// <summary>The fast engine against the reference model on generated requests, and checks that the generators reach every rule.</summary>
public sealed class DifferentialTests
{
    private const int Cases = 100_000;

    [Property(MaxTest = Cases, EndSize = 10, Arbitrary = [typeof(GeneratedRequests)])]
    public bool Evaluate_FastEngineAndReferenceModel_AgreeOn100000GeneratedRequests(Generated g) =>
        DecisionEngine.Evaluate(g.Request).SequenceEqual(ReferenceModel.Evaluate(g.Request));

    [Fact]
    public void Generators_Sample_EveryReasonDecidesOften()
    {
        var counts = new Dictionary<ReasonCode, int>();
        // A fixed seed: this checks the generators, so it must not pass or fail by chance.
        foreach (var g in Gen.Sample(Generators.Requests.Generator, 20_000, new Rnd(20241015UL), 10))
        {
            foreach (var d in DecisionEngine.Evaluate(g.Request))
            {
                counts[d.Reason] = counts.GetValueOrDefault(d.Reason) + 1;
            }
        }

        var total = counts.Values.Sum();
        Assert.True(total > 50_000, $"only {total} decisions sampled");
        Assert.All(Enum.GetValues<ReasonCode>(), reason =>
            Assert.True(counts.GetValueOrDefault(reason) >= total / 100, $"{reason}: {counts.GetValueOrDefault(reason)} of {total} decisions"));
    }
}
