using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Admin;

/// <summary>BatchCode: one code for many patients of one practice, all or nothing (decision A3).</summary>
internal sealed partial class AdminService
{
    public override async Task<BatchCodeResponse> BatchCode(BatchCodeRequest request, ServerCallContext context)
    {
        var caller = context.RequirePractice(request.Ods);
        var max = options.Value.MaxBatchRows;
        if (request.NhsNumbers.Count > max)
        {
            throw RpcErrors.Of(StatusCode.ResourceExhausted, $"nhs_numbers: the batch has {request.NhsNumbers.Count} rows; at most {max} are allowed per request.");
        }

        var batch = new BatchCoding
        {
            Ods = request.Ods,
            Code = request.Code,
            EffectiveDate = request.EffectiveDate,
            Rows = [.. request.NhsNumbers.Select((nhs, i) => new BatchRow(i + 1, nhs))],
            DryRun = request.DryRun,
            SkipInvalid = request.SkipInvalid,
            IdempotencyKey = request.IdempotencyKey is { Length: > 0 } key ? key : null,
        };
        var result = await runtime.Admin.BatchCodeAsync(caller.Because(request.Reason), batch, context.CancellationToken).ConfigureAwait(false);
        if (result.Problems.Count > 0)
        {
            throw AdminErrors.Refused(result.Rejection, result.Problems);
        }

        if (!result.DryRun && !result.Succeeded)
        {
            throw AdminErrors.RowsRefused(result.InvalidRows);
        }

        var response = new BatchCodeResponse
        {
            StateVersion = result.DryRun ? 0 : (ulong)result.Version,
            DryRun = result.DryRun,
            Replayed = result.Replayed,
            PatientsChanged = result.PatientsChanged,
            PatientsUnchanged = result.PatientsUnchanged,
            LoseAccessToday = result.LoseAccessToday,
            GainAccessToday = result.GainAccessToday,
        };
        response.InvalidRows.AddRange(result.InvalidRows.Select(r => new Contracts.V1.BatchRowProblem { Row = r.Line, NhsNumber = r.NhsNumber, Message = r.Message }));
        return response;
    }
}
