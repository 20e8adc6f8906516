using System.Globalization;
using System.Text;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Admin;
using Grpc.Core;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Admin;

/// <summary>
/// Maps PolicyAdmin's refusals to gRPC statuses: bad values → INVALID_ARGUMENT, a change that does not fit the
/// state → FAILED_PRECONDITION, an actor outside its practice → PERMISSION_DENIED. Messages name the proto field.
/// </summary>
internal static class AdminErrors
{
    private const int MaxRowsInMessage = 5;

    /// <summary>Core's field names (conformance-case spelling) in the contract's spelling.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["nhsNumber"] = "nhs_number",
        ["switchOnDate"] = "switch_on_date",
        ["dateOfBirth"] = "date_of_birth",
        ["registrationDate"] = "registration_date",
        ["effectiveDate"] = "effective_date",
        ["flagId"] = "flag_id",
        ["entryId"] = "entry_id",
        ["grantDate"] = "date",
        ["startDate"] = "date",
        ["fromDate"] = "date",
        ["idempotencyKey"] = "idempotency_key",
        ["rows"] = "nhs_numbers",
    };

    public static RpcException Refused(AdminRejection rejection, IReadOnlyList<InputProblem> problems) =>
        RpcErrors.Of(StatusOf(rejection), string.Join("; ", problems.Select(p => $"{FieldName(p.Field)}: {p.Message}")));

    public static RpcException Invalid(string field, string message) => RpcErrors.Of(StatusCode.InvalidArgument, $"{field}: {message}");

    /// <summary>The one refusal for a patient the caller may not act for (unknown, another practice's, moved away): NOT_FOUND, no practice named.</summary>
    public static RpcException NotEntitled() =>
        RpcErrors.Of(GateOutcomes.StatusOf(RefusalKind.NotEntitled), $"{Refusal.NotEntitled.Field}: {Refusal.NotEntitledDetail}");

    public static RpcException Precondition(string field, string message) => RpcErrors.Of(StatusCode.FailedPrecondition, $"{field}: {message}");

    /// <summary>A batch refused for its rows: INVALID_ARGUMENT if any row is malformed, otherwise FAILED_PRECONDITION.</summary>
    public static RpcException RowsRefused(IReadOnlyList<BatchRowProblem> rows)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"nhs_numbers: {rows.Count} row(s) cannot be coded, so nothing was committed: ");
        text.AppendJoin("; ", rows.Take(MaxRowsInMessage).Select(r => $"row {r.Line} '{RpcErrors.Quote(r.NhsNumber)}': {r.Message}"));
        if (rows.Count > MaxRowsInMessage)
        {
            text.Append(CultureInfo.InvariantCulture, $"; and {rows.Count - MaxRowsInMessage} more");
        }

        text.Append(". Fix them, or resend with skip_invalid; a dry_run lists every row.");
        var malformed = rows.Any(r => r.Kind == AdminRejection.InvalidInput);
        return RpcErrors.Of(malformed ? StatusCode.InvalidArgument : StatusCode.FailedPrecondition, text.ToString());
    }

    public static StatusCode StatusOf(AdminRejection rejection) => rejection switch
    {
        AdminRejection.StateConflict => StatusCode.FailedPrecondition,
        AdminRejection.NotPermitted => StatusCode.PermissionDenied,
        _ => StatusCode.InvalidArgument,
    };

    private static string FieldName(string field) => Fields.TryGetValue(field, out var name) ? name : field;
}
