// The project's profiles (fhir-profiles/): a resource that claims a profile in meta.profile is checked against
// the profile's differential: every constraint (FHIRPath invariant), cardinalities, fixed and pattern values,
// extension slices, and required bindings to value sets defined in fhir-profiles/.
import { holds, select } from './fhirpath.mjs';

/** Loads StructureDefinitions and ValueSets by canonical url. */
export function loadConformance(resources) {
  const profiles = new Map();
  const valueSets = new Map();
  const searchParameters = new Map();
  for (const r of resources) {
    if (r.resourceType === 'SearchParameter' && r.url) {
      searchParameters.set(r.url, r);
    }
    if (r.resourceType === 'StructureDefinition' && r.url) {
      profiles.set(r.url, r);
    } else if (r.resourceType === 'ValueSet' && r.url) {
      valueSets.set(r.url, r);
    }
  }
  return { profiles, valueSets, searchParameters };
}

/** Checks one resource against the profiles it claims and the extensions it carries. */
export function checkProfiles(resource, location, conformance, canonicalBase, issues) {
  for (const url of resource.meta?.profile ?? []) {
    const sd = conformance.profiles.get(url);
    if (!sd) {
      if (url.startsWith(canonicalBase)) {
        issues.push(error(location, `claims ${url}, which is not a profile in fhir-profiles/`, 'profile'));
      }
      continue;
    }
    if (sd.type !== resource.resourceType) {
      issues.push(error(location, `claims ${url}, a profile of ${sd.type}`, 'profile'));
      continue;
    }
    checkDifferential(resource, undefined, location, sd, conformance, issues);
  }
  visitExtensions(resource, location, (extension, at) => {
    const sd = conformance.profiles.get(extension.url);
    if (sd?.type === 'Extension') {
      checkDifferential(extension, 'Extension', at, sd, conformance, issues);
    } else if (typeof extension.url === 'string' && extension.url.startsWith(canonicalBase)) {
      issues.push(error(at, `extension ${extension.url} is not defined in fhir-profiles/`, 'profile'));
    }
  });
}

function checkDifferential(node, base, location, sd, conformance, issues) {
  for (const element of sd.differential?.element ?? []) {
    const relative = element.path.split('.').slice(1).map((s) => s.replace('[x]', '')).join('.');
    const scope = (expression) => (relative ? `${relative}.all(${expression})` : expression);
    const where = `${location} (${sd.name} ${element.id ?? element.path})`;
    for (const c of element.constraint ?? []) {
      const result = holds(node, scope(c.expression), base);
      if (result !== true) {
        issues.push({ severity: c.severity === 'warning' ? 'warning' : 'error', source: 'profile-invariant', key: c.key, location: where, message: `${c.key}: ${c.human}${typeof result === 'string' ? ` (${result})` : ''}` });
      }
    }
    checkCardinality(node, base, element, where, issues);
    checkValues(node, base, element, relative, where, conformance, issues);
  }
}

function checkCardinality(node, base, element, where, issues) {
  const parts = element.path.split('.');
  if (parts.length < 2) {
    return;
  }
  const parent = parts.slice(1, -1).join('.');
  const last = parts.at(-1).replace('[x]', '');
  const extensionUrl = element.sliceName && last.endsWith('xtension') ? element.type?.[0]?.profile?.[0] : undefined;
  if (element.sliceName && !extensionUrl) {
    return; // only extension slices are understood
  }
  const items = extensionUrl ? `${last}.where(url = '${extensionUrl}')` : last;
  const rules = [];
  if (element.min > 0) {
    rules.push([`${items}.count() >= ${element.min}`, `at least ${element.min}`]);
  }
  if (element.max !== undefined && element.max !== '*') {
    rules.push([`${items}.count() <= ${Number(element.max)}`, `at most ${element.max}`]);
  }
  for (const [expression, human] of rules) {
    const result = holds(node, parent ? `${parent}.all(${expression})` : expression, base);
    if (result !== true) {
      issues.push(error(where, `${element.path}${extensionUrl ? ` (${extensionUrl})` : ''}: ${human} required by the profile`, 'profile'));
    }
  }
}

function checkValues(node, base, element, relative, where, conformance, issues) {
  const fixed = Object.entries(element).find(([k]) => k.startsWith('fixed') || k.startsWith('pattern'));
  if (element.sliceName) {
    return;
  }
  const vs = element.binding?.strength === 'required' ? conformance.valueSets.get(element.binding.valueSet?.split('|')[0]) : undefined;
  if (!fixed && !vs) {
    return;
  }
  const values = relative ? select(node, relative, base) : [node];
  for (const value of values) {
    if (fixed && !(fixed[0].startsWith('fixed') ? deepEqual(value, fixed[1]) : contains(value, fixed[1]))) {
      issues.push(error(where, `${element.path} must ${fixed[0].startsWith('fixed') ? 'be' : 'match'} ${JSON.stringify(fixed[1])}, found ${JSON.stringify(value)}`, 'profile'));
    }
    if (vs && !inValueSet(value, vs)) {
      issues.push(error(where, `${element.path}: ${JSON.stringify(value)} is not in the required value set ${vs.url}`, 'binding'));
    }
  }
}

function inValueSet(value, vs) {
  const codes = (vs.compose?.include ?? []).flatMap((inc) => (inc.concept ?? []).map((c) => `${inc.system}|${c.code}`));
  const codings = typeof value === 'string' ? null : value.coding ? value.coding : [value];
  if (codings === null) {
    return codes.some((c) => c.endsWith(`|${value}`));
  }
  return codings.some((c) => codes.includes(`${c.system}|${c.code}`));
}

function contains(value, pattern) {
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => contains(v, p)));
  }
  if (pattern !== null && typeof pattern === 'object') {
    return value !== null && typeof value === 'object' && Object.entries(pattern).every(([k, p]) => contains(value[k], p));
  }
  return value === pattern;
}

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function visitExtensions(node, at, onExtension) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => visitExtensions(item, `${at}[${i}]`, onExtension));
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'contained' || (key === 'resource' && value?.resourceType)) {
        continue;
      }
      if ((key === 'extension' || key === 'modifierExtension') && Array.isArray(value)) {
        value.forEach((e, i) => onExtension(e, `${at}.${key}[${i}]`));
      }
      visitExtensions(value, `${at}.${key}`, onExtension);
    }
  }
}

function error(location, message, source) {
  return { severity: 'error', source, location, message };
}
