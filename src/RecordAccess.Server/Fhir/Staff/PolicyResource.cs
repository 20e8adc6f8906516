namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// One Consent or Flag as the policy log defines it: created by one event (its id is <see cref="Prefix"/> + that
/// event's version, so it is stable and the same on every server) and changed by later events of the same patient.
/// </summary>
/// <param name="ResourceType">Consent or Flag.</param>
/// <param name="Version">The version of the event that created it.</param>
/// <param name="NhsNumber">The patient.</param>
/// <param name="Ods">The patient's practice when it was created.</param>
/// <param name="System">The code system of <paramref name="Code"/> (SNOMED CT or a RecordAccess code system).</param>
/// <param name="Code">What it records: an access code, a grant kind, or a flag code.</param>
/// <param name="Date">The date it carries (effective, grant, start, historic-from or raised date).</param>
/// <param name="RecordedAt">When it was created.</param>
/// <param name="FlagId">A safeguarding flag's id.</param>
internal sealed record PolicyResource(string ResourceType, long Version, string NhsNumber, string? Ods, string System, string Code, DateOnly Date, DateTimeOffset RecordedAt, string? FlagId = null)
{
    public string Prefix => ResourceType == "Consent" ? "consent-" : "flag-";

    public string Id => $"{Prefix}{Version}";

    /// <summary>False once revoked, removed, superseded, resolved or lifted.</summary>
    public bool Active { get; set; } = true;

    /// <summary>The version of the last event that changed it (its meta.versionId and ETag).</summary>
    public long LastVersion { get; set; } = Version;

    public DateTimeOffset LastUpdated { get; set; } = RecordedAt;

    /// <summary>When it stopped being in force (a flag's period.end).</summary>
    public DateOnly? EndedOn { get; set; }

    /// <summary>The reason given for the last change.</summary>
    public string? Reason { get; set; }
}
