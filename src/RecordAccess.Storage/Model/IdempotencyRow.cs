namespace RecordAccess.Storage.Model;

/// <summary>One row of <c>policy_idempotency</c>: a committed client key and the versions it wrote.</summary>
internal sealed class IdempotencyRow
{
    public string Key { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    public long FirstVersion { get; set; }

    public long LastVersion { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
