// A selection of base R4 invariants (from the R4 specification) for the resources RecordAccess emits.
// Not every base invariant is here; docs in ../README.md list what is and is not checked.
import { holds } from './fhirpath.mjs';

const DOMAIN_RESOURCE = [
  ['dom-2', 'contained.contained.empty()', 'contained resources must not contain resources'],
  ['dom-4', 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()', 'contained resources carry no meta.versionId or meta.lastUpdated'],
  ['dom-5', 'contained.meta.security.empty()', 'contained resources carry no security labels'],
];

const INVARIANTS = {
  Bundle: [
    ['bdl-1', "total.empty() or (type = 'searchset') or (type = 'history')", 'total only when a search or history'],
    ['bdl-2', "entry.search.empty() or (type = 'searchset')", 'entry.search only when a search'],
    ['bdl-3', "entry.request.empty() or type = 'batch' or type = 'transaction' or type = 'history'", 'entry.request only in batch, transaction or history'],
    ['bdl-4', "entry.response.empty() or type = 'batch-response' or type = 'transaction-response' or type = 'history'", 'entry.response only in batch-response, transaction-response or history'],
    ['bdl-5', 'entry.all(resource.exists() or request.exists() or response.exists())', 'an entry must have a resource, a request or a response'],
    ['bdl-7', "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl & iif(resource.meta.versionId.exists(), resource.meta.versionId, '')).isDistinct()", 'fullUrl must be unique in a bundle, unless versions differ'],
    ['bdl-8', "entry.all(fullUrl.exists().not() or fullUrl.contains('/_history/').not())", 'fullUrl cannot be a version-specific reference'],
    ['bdl-9', "type = 'document' implies (identifier.system.exists() and identifier.value.exists())", 'a document must have an identifier with a system and a value'],
  ],
  Consent: [
    ['ppc-1', 'policy.exists() or policyRule.exists()', 'a policy or a policyRule is required'],
  ],
  AuditEvent: [
    ['sev-1', 'entity.all(name.empty() or query.empty())', 'either a name or a query (not both)'],
  ],
  CapabilityStatement: [
    ['cpb-1', 'rest.exists() or messaging.exists() or document.exists()', 'a capability statement must have at least one of rest, messaging or document'],
    ['cpb-2', '(description.count() + software.count() + implementation.count()) > 0', 'a description, software or implementation is required'],
    ['cpb-3', "messaging.endpoint.empty() or kind = 'instance'", 'messaging endpoint only for an instance'],
    ['cpb-14', "(kind != 'instance') or implementation.exists()", 'an instance must have implementation'],
    ['cpb-15', "(kind != 'capability') or (implementation.exists().not() and software.exists())", 'a capability has software and no implementation'],
    ['cpb-16', "(kind!='requirements') or (implementation.exists().not() and software.exists().not())", 'requirements have neither software nor implementation'],
    ['cpb-9', 'rest.all(resource.select(type).isDistinct())', 'a resource type appears once per rest mode'],
  ],
  SearchParameter: [
    ['spd-1', 'xpath.empty() or xpathUsage.exists()', 'xpathUsage is required with xpath'],
    ['spd-2', "chain.empty() or type = 'reference'", 'chain only for reference parameters'],
  ],
  OperationOutcome: [],
};

/** Checks the base invariants of one resource (not of what it contains; the caller walks those). */
export function checkBaseInvariants(resource, location, issues) {
  const rules = [...(resource.resourceType === 'Bundle' || resource.resourceType === 'Binary' || resource.resourceType === 'Parameters' ? [] : DOMAIN_RESOURCE), ...(INVARIANTS[resource.resourceType] ?? [])];
  for (const [key, expression, human] of rules) {
    const result = holds(resource, expression);
    if (result !== true) {
      issues.push({ severity: 'error', source: 'base-invariant', key, location, message: `${key}: ${human}${typeof result === 'string' ? ` (${result})` : ''}` });
    }
  }
}
