namespace RecordAccess.Server.Hosting;

/// <summary>
/// A further gRPC service mapped beside the product's, registered in DI before the host is built (the tests' echo,
/// control and who-am-I services use it; the product registers none).
/// </summary>
/// <param name="Map">Maps the service, e.g. <c>endpoints =&gt; endpoints.MapGrpcService&lt;T&gt;()</c>.</param>
internal sealed record AdditionalGrpcService(Action<IEndpointRouteBuilder> Map);
