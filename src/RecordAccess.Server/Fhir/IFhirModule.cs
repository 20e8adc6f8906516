namespace RecordAccess.Server.Fhir;

/// <summary>
/// A group of FHIR endpoints (patient operations, staff resources…). Register one with
/// <c>services.AddFhirModule&lt;T&gt;()</c>; <c>app.MapFhir()</c> maps every route of every module, and
/// <c>GET /fhir/metadata</c> describes exactly those routes.
/// </summary>
internal interface IFhirModule
{
    void AddRoutes(FhirRouteRegistry routes);
}
