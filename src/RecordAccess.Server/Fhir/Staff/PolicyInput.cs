namespace RecordAccess.Server.Fhir.Staff;

/// <summary>A Consent or Flag as a staff member sent it, reduced to what the admin service needs.</summary>
/// <param name="ResourceType">Consent or Flag.</param>
/// <param name="Id">The id in the body (required and checked on update, ignored on create).</param>
/// <param name="NhsNumber">The patient (ten digits, valid).</param>
/// <param name="Code">The access code, grant kind or flag code.</param>
/// <param name="Date">The date the change carries (Consent only), <c>YYYY-MM-DD</c>.</param>
/// <param name="Status">active or inactive.</param>
/// <param name="Reason">The ChangeReason extension's value.</param>
/// <param name="FlagId">A safeguarding flag's identifier value.</param>
internal sealed record PolicyInput(string ResourceType, string? Id, string NhsNumber, string Code, string? Date, string Status, string? Reason, string? FlagId);
