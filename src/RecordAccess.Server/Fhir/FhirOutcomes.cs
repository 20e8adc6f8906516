using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// OperationOutcome results, one per HTTP status FHIR uses, each with an IssueType code
/// (http://hl7.org/fhir/R4/valueset-issue-type.html) and diagnostics that say exactly what was wrong.
/// <c>expression</c> arguments are FHIRPath locations of the offending element.
/// </summary>
internal static class FhirOutcomes
{
    /// <summary>400: the request cannot be read (malformed JSON, wrong resource type, bad identifier).</summary>
    public static FhirResult Invalid(string diagnostics, string? expression = null, string code = "invalid") =>
        Error(StatusCodes.Status400BadRequest, code, diagnostics, expression);

    /// <summary>401: no valid bearer token; carries <c>WWW-Authenticate: Bearer</c>.</summary>
    public static FhirResult Unauthenticated() => new(
        StatusCodes.Status401Unauthorized,
        Outcome("error", "login", "A valid bearer token is required (Authorization: Bearer <token>)."),
        new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });

    /// <summary>403: the caller is known but may not do this.</summary>
    public static FhirResult Forbidden(string diagnostics) => Error(StatusCodes.Status403Forbidden, "forbidden", diagnostics);

    /// <summary>404: no such resource or endpoint.</summary>
    public static FhirResult NotFound(string diagnostics, string code = "not-found") => Error(StatusCodes.Status404NotFound, code, diagnostics);

    /// <summary>405: the path exists, the method does not.</summary>
    public static FhirResult MethodNotAllowed(string diagnostics) => Error(StatusCodes.Status405MethodNotAllowed, "not-supported", diagnostics);

    /// <summary>406: the client accepts only formats this server does not write (XML, Turtle, another FHIR version).</summary>
    public static FhirResult NotAcceptable(string diagnostics) => Error(StatusCodes.Status406NotAcceptable, "not-supported", diagnostics);

    /// <summary>409: the change conflicts with the current state (e.g. it is already in force).</summary>
    public static FhirResult Conflict(string diagnostics, string? expression = null) => Error(StatusCodes.Status409Conflict, "conflict", diagnostics, expression);

    /// <summary>412: a precondition (If-Match version, "at least this state version") does not hold.</summary>
    public static FhirResult PreconditionFailed(string diagnostics) => Error(StatusCodes.Status412PreconditionFailed, "conflict", diagnostics);

    /// <summary>413: the body is larger than <c>Fhir:MaxRequestBodyBytes</c>.</summary>
    public static FhirResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "too-long", $"The request body is larger than the limit of {limit} bytes.");

    /// <summary>415: the body is not FHIR JSON.</summary>
    public static FhirResult UnsupportedMediaType(string diagnostics) => Error(StatusCodes.Status415UnsupportedMediaType, "not-supported", diagnostics);

    /// <summary>422: the request is well-formed FHIR but breaks a business rule or names data that cannot be used.</summary>
    public static FhirResult Unprocessable(string diagnostics, string? expression = null, string code = "processing") =>
        Error(StatusCodes.Status422UnprocessableEntity, code, diagnostics, expression);

    /// <summary>503: the service cannot decide now (state not loaded, audit not writable); nothing is shown. Retry later.</summary>
    public static FhirResult Unavailable(string diagnostics) => new(
        StatusCodes.Status503ServiceUnavailable,
        Outcome("error", "transient", diagnostics),
        new Dictionary<string, string> { ["Retry-After"] = "5" });

    /// <summary>500: an unexpected failure; the diagnostics never carry exception text.</summary>
    public static FhirResult InternalError() =>
        Error(StatusCodes.Status500InternalServerError, "exception", "The server failed to process the request; the failure is logged.");

    public static FhirResult Error(int status, string code, string diagnostics, string? expression = null) =>
        new(status, Outcome(status >= 500 ? "fatal" : "error", code, diagnostics, expression));

    /// <summary>An OperationOutcome with one issue; <paramref name="severity"/> and <paramref name="code"/> are FHIR literals (IssueSeverity, IssueType).</summary>
    public static OperationOutcome Outcome(string severity, string code, string diagnostics, string? expression = null) =>
        new() { Issue = [Issue(severity, code, diagnostics, expression)] };

    /// <summary>One issue; an unknown severity or code literal is a programming error and throws.</summary>
    public static OperationOutcome.IssueComponent Issue(string severity, string code, string diagnostics, string? expression = null) => new()
    {
        Severity = EnumUtility.ParseLiteral<OperationOutcome.IssueSeverity>(severity) ?? throw new ArgumentException($"Unknown IssueSeverity '{severity}'.", nameof(severity)),
        Code = EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code) ?? throw new ArgumentException($"Unknown IssueType '{code}'.", nameof(code)),
        Diagnostics = diagnostics,
        Expression = expression is null ? [] : [expression],
    };

    /// <summary>The given issues (from the parser or the profile validator) with a status.</summary>
    public static FhirResult Issues(int status, IEnumerable<OperationOutcome.IssueComponent> issues) =>
        new(status, new OperationOutcome { Issue = [.. issues] });
}
