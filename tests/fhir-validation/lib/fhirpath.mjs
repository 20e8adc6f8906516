// FHIRPath evaluation with HL7's engine (fhirpath.js) and its R4 model.
import fhirpath from 'fhirpath';
import { r4 } from './model.mjs';

/**
 * Evaluates a boolean invariant. Returns true, false, or an error text. As FHIR requires, an invariant
 * holds when it evaluates to true; empty counts as not holding only when `emptyFails`.
 */
export function holds(node, expression, base, emptyFails = false) {
  try {
    const path = base ? { base, expression } : expression;
    const result = fhirpath.evaluate(node, path, { resource: node, rootResource: node }, r4);
    if (result.length === 0) {
      return !emptyFails;
    }
    if (result.length === 1 && typeof result[0] === 'boolean') {
      return result[0];
    }
    return `did not evaluate to one boolean (got ${JSON.stringify(result).slice(0, 120)})`;
  } catch (e) {
    return `could not be evaluated: ${e.message}`;
  }
}

/** Evaluates a path and returns plain values (objects for complex elements). */
export function select(node, expression, base) {
  return fhirpath.evaluate(node, base ? { base, expression } : expression, { resource: node, rootResource: node }, r4);
}

/** An error text when the expression does not compile, else null. */
export function compileProblem(expression, base) {
  try {
    fhirpath.compile(base ? { base, expression } : expression, r4);
    return null;
  } catch (e) {
    return e.message;
  }
}
