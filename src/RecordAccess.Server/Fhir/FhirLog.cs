namespace RecordAccess.Server.Fhir;

/// <summary>The FHIR surface's log events (stable ids, 300–399). Never logs resource content or NHS numbers.</summary>
internal static partial class FhirLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "FHIR {Method} {Route} failed: the handler threw an unexpected exception.")]
    public static partial void HandlerFailed(ILogger logger, string method, string route, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "FHIR {Method} {Route}: policy runtime unavailable: {Detail}")]
    public static partial void Unavailable(ILogger logger, string method, string route, string detail);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "FHIR {Method} {Route} answered {Status}.")]
    public static partial void Answered(ILogger logger, string method, string route, int status);

    [LoggerMessage(EventId = 304, Level = LogLevel.Critical, Message = "The FHIR profiles (specification.zip and fhir-profiles/) could not be compiled; staff writes cannot be validated and are refused.")]
    public static partial void ProfilesFailed(ILogger logger, Exception exception);
}
