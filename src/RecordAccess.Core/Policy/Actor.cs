using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;

namespace RecordAccess.Core.Policy;

/// <summary>Who made a change: stored with every event.</summary>
/// <param name="Kind">The kind of caller.</param>
/// <param name="Id">Staff user id, supplier client id, or tool name.</param>
/// <param name="Ods">The staff member's organisation (ODS code); null for suppliers and tools.</param>
/// <param name="Role">The staff member's national RBAC role code (e.g. <c>R8000</c>); null for suppliers and tools.</param>
public sealed record Actor(ActorKind Kind, string Id, string? Ods = null, string? Role = null)
{
    private const int MaxLength = 200;

    /// <summary>A member of practice staff.</summary>
    /// <param name="userId">The CIS2 user id.</param>
    /// <param name="ods">The staff member's practice.</param>
    /// <param name="role">The staff member's role code.</param>
    public static Actor Staff(string userId, string ods, string role) => new(ActorKind.Staff, userId, ods, role);

    /// <summary>A GP system supplier.</summary>
    /// <param name="clientId">The supplier's client id.</param>
    public static Actor Supplier(string clientId) => new(ActorKind.Supplier, clientId);

    /// <summary>A RecordAccess tool.</summary>
    /// <param name="name">The tool's name.</param>
    public static Actor System(string name) => new(ActorKind.System, name);

    /// <summary>Why this actor cannot be recorded as the author of a change, or null when it can.</summary>
    public InputProblem? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > MaxLength)
        {
            return new("actor.id", $"is required (1 to {MaxLength} characters)");
        }

        switch (Kind)
        {
            case ActorKind.Staff:
                if (!OdsCode.TryParse(Ods, out _, out var odsError))
                {
                    return new("actor.ods", odsError!);
                }

                return string.IsNullOrWhiteSpace(Role) || Role.Length > MaxLength ? new("actor.role", "is required for staff") : null;
            case ActorKind.Supplier or ActorKind.System:
                return Ods is null && Role is null ? null : new("actor.ods", "only staff carry an ODS code and role");
            default:
                return new("actor.kind", "must be staff, supplier or system");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Kind == ActorKind.Staff ? $"staff {Id} ({Ods}, {Role})" : $"{Kind.ToString().ToUpperInvariant()[0]}{Kind.ToString()[1..].ToLowerInvariant()} {Id}";
}
