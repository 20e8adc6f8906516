using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Tests.Infrastructure;

internal static class TestGrpcServices
{
    /// <summary>Maps a test-only gRPC service beside the product's (Grpc.AspNetCore, generated base class).</summary>
    public static IServiceCollection AddTestGrpcService<TService>(this IServiceCollection services)
        where TService : class =>
        services.AddSingleton(new AdditionalGrpcService(endpoints => endpoints.MapGrpcService<TService>()));
}
