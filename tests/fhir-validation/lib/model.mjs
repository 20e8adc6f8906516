// The R4 element model shipped with fhirpath.js (fhirpath/fhir-context/r4): element types, choice types,
// reference target types. Used to check primitive formats and reference targets without any RecordAccess code.
import r4 from 'fhirpath/fhir-context/r4/index.js';

export { r4 };

const PRIMITIVE_PATTERNS = {
  id: /^[A-Za-z0-9\-.]{1,64}$/,
  code: /^[^\s]+( [^\s]+)*$/,
  uri: /^\S*$/,
  url: /^\S*$/,
  canonical: /^\S*$/,
  oid: /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/,
  uuid: /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  date: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/,
  dateTime: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
  instant: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/,
  time: /^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?$/,
  base64Binary: /^(\s*([0-9a-zA-Z+/=]){4}\s*)+$/,
};

const STRING_TYPES = new Set(['string', 'markdown', 'xhtml', 'System.String', ...Object.keys(PRIMITIVE_PATTERNS)]);

/** The declared type of a path such as "Consent.provision.period" (undefined for unknown paths). */
export function typeOf(path) {
  return r4.path2Type[path];
}

/** True when `name` is an R4 resource type. */
export function isResourceType(name) {
  return typeof name === 'string' && r4.path2Type[`${name}.id`] !== undefined && /^[A-Z]/.test(name) && r4.type2Parent[name] !== 'Element';
}

/** For a JSON key of a choice element (e.g. valueDate under Extension), the declared type; else undefined. */
export function choiceType(parentPath, key) {
  for (const [name, types] of Object.entries(r4.choiceTypePaths)) {
    const dot = name.lastIndexOf('.');
    if (name.slice(0, dot) !== parentPath) {
      continue;
    }
    const base = name.slice(dot + 1);
    if (key.startsWith(base)) {
      const type = types.find((t) => t === key.slice(base.length));
      if (type) {
        const lower = type[0].toLowerCase() + type.slice(1);
        return isPrimitive(lower) ? lower : type;
      }
    }
  }
  return undefined;
}

/** Problems with a primitive value of a declared type, or null. */
export function primitiveProblem(type, value) {
  const name = typeof type === 'string' ? type : type?.code;
  if (name === 'boolean') {
    return typeof value === 'boolean' ? null : `expected a boolean, found ${JSON.stringify(value)}`;
  }
  if (name === 'integer' || name === 'positiveInt' || name === 'unsignedInt') {
    if (!Number.isInteger(value)) {
      return `expected an integer, found ${JSON.stringify(value)}`;
    }
    return (name === 'positiveInt' && value < 1) || (name === 'unsignedInt' && value < 0) ? `${value} is not a valid ${name}` : null;
  }
  if (name === 'decimal') {
    return typeof value === 'number' ? null : `expected a number, found ${JSON.stringify(value)}`;
  }
  if (STRING_TYPES.has(name)) {
    if (typeof value !== 'string') {
      return `expected a string (${name}), found ${JSON.stringify(value)}`;
    }
    const pattern = PRIMITIVE_PATTERNS[name];
    return pattern && !pattern.test(value) ? `"${value}" is not a valid ${name}` : null;
  }
  return null;
}

/** True for element types that hold a JSON primitive. */
export function isPrimitive(type) {
  const name = typeof type === 'string' ? type : type?.code;
  return STRING_TYPES.has(name) || ['boolean', 'integer', 'positiveInt', 'unsignedInt', 'decimal'].includes(name);
}
