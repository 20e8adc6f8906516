using RecordAccess.Server.Grpc.Internal;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)]
    [InlineData("0S", 0L)]
    [InlineData("99999999H", 99_999_999L * 36_000_000_000L)]
    public void TryParse_EveryUnit_ReturnsTimeout(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10 S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData("١S")]
    public void TryParse_Malformed_ReturnsFalse(string value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }
}
