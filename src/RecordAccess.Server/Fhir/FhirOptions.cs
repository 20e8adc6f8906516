namespace RecordAccess.Server.Fhir;

/// <summary>The <c>Fhir</c> configuration section.</summary>
internal sealed class FhirOptions
{
    /// <summary>The largest request body accepted (a Bundle for <c>$filter</c>); larger bodies get 413 and are not read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Compile the FHIR profile set when the host starts (true), or at the first staff write (false).</summary>
    public bool WarmUpValidator { get; set; } = true;
}
