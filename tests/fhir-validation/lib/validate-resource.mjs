// Every check of one parsed JSON document.
import fhirPkg from 'fhir';
import { checkStructure } from './structure.mjs';
import { checkBaseInvariants } from './base-invariants.mjs';
import { checkProfiles } from './profiles.mjs';
import { checkReferences, bundleIndex } from './references.mjs';
import { checkConformanceResource } from './conformance-checks.mjs';

const fhirJs = new fhirPkg.Fhir();

export function validateResource(resource, conformance, canonicalBase) {
  const issues = [];
  const location = resource.resourceType ?? '$';
  checkFhirJs(resource, issues);
  checkStructure(resource, location, issues);
  if (issues.some((x) => x.source === 'structure' && x.location === location)) {
    return issues; // not a resource at all
  }
  for (const [r, at, bundle] of resources(resource, location, null, issues)) {
    checkBaseInvariants(r, at, issues);
    checkProfiles(r, at, conformance, canonicalBase, issues);
    checkReferences(r, at, bundle, issues);
    checkConformanceResource(r, at, conformance, canonicalBase, issues);
  }
  return issues;
}

/** FHIR.js: errors are errors; an unexpected (unknown) property is an error too; other warnings stay warnings. */
function checkFhirJs(resource, issues) {
  let result;
  try {
    result = fhirJs.validate(resource);
  } catch (e) {
    issues.push({ severity: 'error', source: 'fhir.js', location: '$', message: `FHIR.js could not validate: ${e.message}` });
    return;
  }
  for (const m of result.messages ?? []) {
    const unknown = m.message === 'Unexpected property';
    if (m.severity === 'error' || m.severity === 'warning' || unknown) {
      const where = m.resourceId && m.resourceId !== '#initial' && !/^[A-Za-z0-9\-.]+$/.test(m.resourceId) ? `${m.resourceId} ${m.location}` : m.location;
      issues.push({ severity: m.severity === 'error' || unknown ? 'error' : 'warning', source: 'fhir.js', location: where, message: m.message });
    }
  }
}

/** The resource, its contained resources and (for bundles) every entry's resource, each with where it is. */
function* resources(resource, at, bundle, issues) {
  yield [resource, at, bundle];
  for (const [i, c] of (resource.contained ?? []).entries()) {
    yield* resources(c, `${at}.contained[${i}]`, bundle, issues);
  }
  if (resource.resourceType === 'Bundle') {
    const index = bundleIndex(resource, at, issues);
    for (const [i, entry] of (resource.entry ?? []).entries()) {
      if (entry.resource?.resourceType) {
        yield* resources(entry.resource, `${at}.entry[${i}].resource`, index, issues);
      }
    }
  }
}
