using RecordAccess.Server.Grpc;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

public sealed class MetadataTests
{
    [Theory]
    [InlineData("grpc-status")]
    [InlineData("content-type")]
    [InlineData("te")]
    [InlineData("Upper")]
    [InlineData("sp ace")]
    [InlineData("")]
    public void Add_ReservedOrInvalidKey_Throws(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Fact]
    public void Add_NonAsciiTextValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", "José"));
    }

    [Fact]
    public void Add_BytesUnderTextKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", [1, 2]));
    }

    [Fact]
    public void GetBytes_BinaryValue_RoundTripsThroughUnpaddedBase64()
    {
        var metadata = new Metadata();
        metadata.Add("trace-bin", [0xFF, 0x00, 0x10, 0x20]);

        Assert.Equal("/wAQIA", metadata.GetValue("trace-bin"));
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x10, 0x20 }, metadata.GetBytes("trace-bin"));
    }
}
