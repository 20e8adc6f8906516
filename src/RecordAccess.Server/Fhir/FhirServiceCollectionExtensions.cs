using Microsoft.Extensions.DependencyInjection.Extensions;
using RecordAccess.Server.Fhir.Patient;
using RecordAccess.Server.Fhir.Staff;
using RecordAccess.Server.Fhir.Validation;

namespace RecordAccess.Server.Fhir;

internal static class FhirServiceCollectionExtensions
{
    /// <summary>The FHIR surface: options (<c>Fhir</c> section), the route registry, the profile validator (compiled in the background from start-up), the patient operations and the staff resources modules.</summary>
    public static IServiceCollection AddFhir(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FhirOptions>().Bind(configuration.GetSection("Fhir"));
        services.TryAddSingleton<FhirRouteRegistry>();
        services.TryAddSingleton<FhirEndpointPorts>();
        services.TryAddSingleton<FhirProfileValidator>();
        services.TryAddSingleton<PolicyInputReader>();
        services.AddHostedService<FhirValidatorWarmUp>();
        services.TryAddSingleton<PatientGate>();
        services.TryAddSingleton<RecordAccessOperation>();
        services.TryAddSingleton<EntryVisibilityOperation>();
        services.TryAddSingleton<FilterOperation>();
        services.AddFhirModule<PatientOperations>();
        services.AddFhirModule<StaffResources>();
        return services;
    }

    /// <summary>Adds a module whose routes <c>MapFhir</c> maps and <c>/fhir/metadata</c> lists.</summary>
    public static IServiceCollection AddFhirModule<T>(this IServiceCollection services)
        where T : class, IFhirModule
    {
        services.AddSingleton<IFhirModule, T>();
        return services;
    }
}
