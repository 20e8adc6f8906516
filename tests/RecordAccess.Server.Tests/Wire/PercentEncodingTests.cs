using RecordAccess.Server.Grpc.Internal;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain ASCII: ok!", "plain ASCII: ok!")]
    [InlineData("50%", "50%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("line\nbreak\ttab", "line%0Abreak%09tab")]
    [InlineData("~ and \u007f", "~ and %7F")]
    public void Encode_Text_EscapesPercentControlAndNonAsciiAsUtf8(string text, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.Encode(text));
    }

    [Theory]
    [InlineData("100% sûr — ✓ 患者 😀")]
    [InlineData("%%%")]
    [InlineData("")]
    public void Decode_OfEncode_ReturnsOriginal(string text)
    {
        Assert.Equal(text, PercentEncoding.Decode(PercentEncoding.Encode(text)));
    }

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%4", "%4")]
    [InlineData("a%41", "aA")]
    public void Decode_MalformedEscape_KeepsItLiterally(string encoded, string text)
    {
        Assert.Equal(text, PercentEncoding.Decode(encoded));
    }
}
