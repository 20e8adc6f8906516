// Structural checks of base R4 JSON against the element model: known elements, arrays only where an element
// repeats, primitive formats, no empty values (ele-1), and reference targets of the allowed resource types.
import { r4, typeOf, choiceType, primitiveProblem, isPrimitive, isResourceType } from './model.mjs';

const repeating = new Set(Object.keys(r4.path2Repeating).filter((p) => r4.path2Repeating[p]));
const REFERENCE = /^(?:(?:https?:\/\/\S+)\/)?([A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Walks one resource (and what it contains), adding issues. */
export function checkStructure(resource, location, issues) {
  if (!isResourceType(resource?.resourceType)) {
    issues.push(error(location, `not a FHIR R4 resource (resourceType ${JSON.stringify(resource?.resourceType)})`));
    return;
  }
  walkObject(resource, resource.resourceType, resource.resourceType, location, issues);
}

function walkObject(node, path, typeName, location, issues) {
  if (Object.keys(node).length === 0 || Object.keys(node).every((k) => k === 'resourceType')) {
    issues.push(error(location, 'an element must have a value or children (ele-1)'));
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'resourceType') {
      continue;
    }
    const at = `${location}.${key}`;
    if (key.startsWith('_')) {
      checkNotEmpty(value, at, issues);
      continue;
    }
    const declared = key === 'id' && path === node.resourceType ? { path: `${path}.id`, type: 'id', repeats: false } : lookup(path, typeName, key);
    if (declared === undefined) {
      issues.push(error(at, `unknown element '${key}' of ${typeName}`));
      continue;
    }
    const isArray = Array.isArray(value);
    if (declared.repeats !== undefined && isArray !== declared.repeats) {
      issues.push(error(at, declared.repeats ? 'must be an array (the element repeats)' : 'must not be an array (the element does not repeat)'));
      if (!isArray) {
        continue;
      }
    }
    const items = isArray ? value : [value];
    if (isArray && items.length === 0) {
      issues.push(error(at, 'an array must not be empty (ele-1)'));
    }
    items.forEach((item, i) => walkValue(item, declared, isArray ? `${at}[${i}]` : at, issues));
  }
}

function walkValue(value, declared, at, issues) {
  if (value === null || value === '') {
    issues.push(error(at, 'an element must have a value or children (ele-1)'));
    return;
  }
  const code = typeof declared.type === 'string' ? declared.type : declared.type.code;
  if (isPrimitive(code)) {
    const problem = primitiveProblem(code, value);
    if (problem) {
      issues.push(error(at, problem));
    }
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push(error(at, `expected an object (${code}), found ${JSON.stringify(value)}`));
    return;
  }
  if (code === 'Resource') {
    checkStructure(value, at, issues);
    return;
  }
  if (code === 'Reference' && typeof value.reference === 'string') {
    checkReferenceTarget(value.reference, declared.refType, at, issues);
  }
  const isBackbone = code === 'BackboneElement' || code === 'Element';
  walkObject(value, isBackbone ? declared.path : code, code, at, issues);
}

function checkReferenceTarget(reference, allowed, at, issues) {
  if (reference.startsWith('#') || reference.startsWith('urn:')) {
    return;
  }
  const match = REFERENCE.exec(reference);
  if (!match || !isResourceType(match[1])) {
    if (!/^[a-z][a-z0-9+.-]*:/.test(reference)) {
      issues.push(error(`${at}.reference`, `"${reference}" is not a literal reference of the form Type/id`));
    }
    return;
  }
  if (Array.isArray(allowed) && !allowed.includes('Resource') && !allowed.includes(match[1])) {
    issues.push(error(`${at}.reference`, `a reference to ${match[1]} is not allowed here (allowed: ${allowed.join(', ')})`));
  }
}

/** The declared type of child `key` of an element at `path` whose type is `typeName`, through the type's ancestors. */
function lookup(path, typeName, key) {
  const candidates = [path];
  for (let t = typeName; t; t = r4.type2Parent[t]) {
    candidates.push(t);
  }
  for (const base of candidates) {
    const childPath = `${base}.${key}`;
    const elsewhere = r4.pathsDefinedElsewhere[childPath];
    if (elsewhere !== undefined) {
      // The model does not say whether a "defined elsewhere" element repeats; either form is accepted.
      return { path: elsewhere, type: typeOf(elsewhere), repeats: undefined };
    }
    const type = typeOf(childPath);
    if (type !== undefined) {
      const refType = r4.path2RefType?.[childPath] ?? type.refType;
      return { path: childPath, type: type === 'System.String' ? 'string' : type, refType, repeats: repeating.has(childPath) };
    }
    const choice = choiceType(base, key);
    if (choice !== undefined) {
      return { path: childPath, type: choice, repeats: false };
    }
  }
  return undefined;
}

function checkNotEmpty(value, at, issues) {
  if (value === null || value === '' || (typeof value === 'object' && Object.keys(value).length === 0)) {
    issues.push(error(at, 'an element must have a value or children (ele-1)'));
  }
}

function error(location, message) {
  return { severity: 'error', source: 'structure', location, message };
}
