using System.Globalization;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// Who the admin interop clients act as: real signed tokens from the host's development issuer (passed in the
/// environment), the identities the clients expect to see as the actor of their changes, and a practice nobody has
/// written yet (passed as arguments).
/// </summary>
internal sealed record AdminClientKeys(string StaffId, string OtherStaffId, string SupplierId, string NewOds)
{
    public const string Practice = "A81001";

    public const string OtherPractice = "A81002";

    public const string Role = "R8000";

    /// <summary>The checks both admin clients run and print as "ok NAME".</summary>
    public static readonly string[] Checks =
    [
        "every_write_commits", "retry_with_key_replayed", "repeat_without_key_unchanged", "idempotency_key_other_content_refused",
        "batch_code_dry_run", "batch_code_commits_and_replays", "batch_code_invalid_row",
        "error_invalid_argument_names_field", "error_failed_precondition", "error_permission_denied", "error_unauthenticated",
        "get_patient_state_now_and_as_of", "watch_changes_from_version", "watch_changes_ods_filter", "watch_changes_client_cancel",
        "read_your_writes", "still_serving",
    ];

    public static AdminClientKeys Create(string client) =>
        new($"{client}-staff", $"{client}-staff-a81002", $"{client}-supplier",
            "Y" + Random.Shared.Next(0, 100_000).ToString("D5", CultureInfo.InvariantCulture));

    /// <summary>The clients' command-line arguments for the identities and the new practice.</summary>
    public string[] Arguments() =>
    [
        "--staff-id", StaffId,
        "--other-staff-id", OtherStaffId,
        "--supplier-id", SupplierId,
        "--new-ods", NewOds,
    ];

    /// <summary>Staff of A81001 and of A81002, and a supplier with gate.evaluate and gate.admin serving A81001 and the new practice.</summary>
    public Dictionary<string, string> Tokens(ServerHost host)
    {
        var now = DateTimeOffset.UtcNow;
        var lifetime = TimeSpan.FromMinutes(10);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RA_STAFF"] = host.Tokens.MintStaff(StaffId, Practice, Role, now, lifetime),
            ["RA_STAFF_OTHER"] = host.Tokens.MintStaff(OtherStaffId, OtherPractice, Role, now, lifetime),
            ["RA_SUPPLIER"] = host.Tokens.MintSupplier(SupplierId, ["gate.evaluate", "gate.admin"], [Practice, NewOds], now, lifetime),
        };
    }
}
