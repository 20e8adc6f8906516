using RecordAccess.Server.Grpc.Internal;
using Xunit;

namespace RecordAccess.Server.Tests.Wire;

public sealed class GrpcProtocolTests
{
    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("Application/GRPC", true)]
    [InlineData("application/grpc+json", false)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void IsGrpcContentType_ContentType_OnlyProtobufGrpcIsServed(string? contentType, bool served)
    {
        Assert.Equal(served, GrpcProtocol.IsGrpcContentType(contentType));
    }
}
