// Reference resolution (R4 "Resolving references in Bundles" and contained resources): a contained reference
// ("#id") must resolve to a contained resource of the same resource; a "urn:uuid:"/"urn:oid:" reference must
// resolve to an entry's fullUrl; in a document or message bundle every relative reference must
// resolve to an entry. An entry's fullUrl must agree with its resource's type and id.

/** Checks the references of one resource that may sit in a bundle (`bundle` is null for a lone resource). */
export function checkReferences(resource, location, bundle, issues) {
  const contained = new Set((resource.contained ?? []).map((c) => `#${c.id}`));
  visit(resource, location, (reference, at) => {
    if (reference.startsWith('#')) {
      if (reference !== '#' && !contained.has(reference)) {
        issues.push(error(at, `contained reference ${reference} does not resolve`));
      }
      return;
    }
    if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
      if (!bundle?.fullUrls.has(reference)) {
        issues.push(error(at, `${reference} does not resolve to an entry of the bundle`));
      }
      return;
    }
    if (bundle?.mustResolve && !/^[a-z][a-z0-9+.-]*:/.test(reference) && !bundle.relative.has(reference.replace(/\/_history\/.*$/, ''))) {
      issues.push(error(at, `${reference} does not resolve to an entry of the ${bundle.type} bundle`));
    }
  });
}

/** What references in a bundle may resolve to. */
export function bundleIndex(bundle, location, issues) {
  const fullUrls = new Set();
  const relative = new Set();
  (bundle.entry ?? []).forEach((entry, i) => {
    const r = entry.resource;
    if (entry.fullUrl) {
      fullUrls.add(entry.fullUrl);
    }
    if (r?.id && r.resourceType) {
      relative.add(`${r.resourceType}/${r.id}`);
      if (entry.fullUrl && !entry.fullUrl.startsWith('urn:') && !entry.fullUrl.endsWith(`/${r.resourceType}/${r.id}`)) {
        issues.push(error(`${location}.entry[${i}].fullUrl`, `fullUrl ${entry.fullUrl} does not agree with ${r.resourceType}/${r.id}`));
      }
    }
  });
  return { type: bundle.type, fullUrls, relative, mustResolve: ['document', 'message'].includes(bundle.type) };
}

function visit(node, at, onReference) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => visit(item, `${at}[${i}]`, onReference));
    return;
  }
  if (node === null || typeof node !== 'object') {
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'contained' || (key === 'resource' && value?.resourceType)) {
      continue; // contained and nested resources are checked on their own
    }
    if (key === 'reference' && typeof value === 'string') {
      onReference(value, `${at}.reference`);
    } else {
      visit(value, `${at}.${key}`, onReference);
    }
  }
}

function error(location, message) {
  return { severity: 'error', source: 'references', location, message };
}
