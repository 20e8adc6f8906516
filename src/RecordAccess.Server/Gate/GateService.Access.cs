using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Grpc;

namespace RecordAccess.Server.Gate;

internal sealed partial class GateService
{
    public static Task<GetPatientAccessResponse> GetPatientAccessAsync(GetPatientAccessRequest request, ServerCallContext context) =>
        throw new RpcException(StatusCode.Unimplemented, "GetPatientAccess is not implemented yet.");

    public static Task<ExplainEntryResponse> ExplainEntryAsync(ExplainEntryRequest request, ServerCallContext context) =>
        throw new RpcException(StatusCode.Unimplemented, "ExplainEntry is not implemented yet.");
}
