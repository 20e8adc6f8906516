// Checks of the project's own conformance resources: canonical urls under the project's base, invariants that
// compile, and a CapabilityStatement whose profiles and search parameters exist in fhir-profiles/.
import { compileProblem } from './fhirpath.mjs';

export function checkConformanceResource(resource, location, conformance, canonicalBase, issues) {
  const add = (message) => issues.push({ severity: 'error', source: 'conformance', location, message });
  const own = typeof resource.url === 'string' && resource.url.startsWith(canonicalBase);
  if (['StructureDefinition', 'SearchParameter', 'ValueSet', 'CodeSystem', 'OperationDefinition', 'CapabilityStatement'].includes(resource.resourceType)
    && own && resource.id && resource.url !== `${canonicalBase}/${resource.resourceType}/${resource.id}`) {
    add(`url ${resource.url} must be ${canonicalBase}/${resource.resourceType}/${resource.id}`);
  }
  if (resource.resourceType === 'StructureDefinition') {
    const base = resource.baseDefinition ?? '';
    if (!base.startsWith('http://hl7.org/fhir/StructureDefinition/') && !conformance.profiles.has(base)) {
      add(`baseDefinition ${base} is neither an R4 base type nor a profile in fhir-profiles/`);
    }
    for (const element of resource.differential?.element ?? []) {
      if (!element.path?.startsWith(resource.type)) {
        add(`differential element ${element.path} is not a path of ${resource.type}`);
      }
      for (const c of element.constraint ?? []) {
        if (!c.key || !c.severity || !c.human || !c.expression) {
          add(`constraint ${c.key ?? '?'} of ${element.path} needs key, severity, human and expression`);
          continue;
        }
        const problem = compileProblem(c.expression);
        if (problem) {
          add(`constraint ${c.key} does not compile: ${problem}`);
        }
      }
    }
  }
  if (resource.resourceType === 'SearchParameter' && resource.expression) {
    const problem = compileProblem(resource.expression);
    if (problem) {
      add(`expression does not compile: ${problem}`);
    }
  }
  if (resource.resourceType === 'CapabilityStatement') {
    for (const rest of resource.rest ?? []) {
      for (const r of rest.resource ?? []) {
        for (const url of [r.profile, ...(r.supportedProfile ?? [])].filter(Boolean)) {
          if (url.startsWith(canonicalBase) && !conformance.profiles.has(url)) {
            add(`${r.type} names profile ${url}, which is not in fhir-profiles/`);
          }
        }
        for (const p of r.searchParam ?? []) {
          if (p.definition?.startsWith(canonicalBase) && !conformance.searchParameters.has(p.definition)) {
            add(`${r.type} search parameter ${p.name} names ${p.definition}, which is not in fhir-profiles/`);
          }
        }
      }
    }
  }
}
