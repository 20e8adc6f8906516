namespace RecordAccess.Server.Fhir;

/// <summary>
/// Handles one FHIR interaction. Handlers take the raw <see cref="HttpContext"/> (no parameter binding, so a
/// bad request can never turn into a non-FHIR ProblemDetails) and return a result, usually a <see cref="FhirResult"/>.
/// </summary>
internal delegate Task<IResult> FhirHandler(HttpContext context);
