#!/usr/bin/env node
// Independent validation of FHIR R4 JSON, with no RecordAccess code: FHIR.js (base R4 validation), fhirpath.js
// (HL7's FHIRPath engine and R4 model) for invariants, and the profiles in fhir-profiles/.
//
//   node validate.mjs [--profiles DIR] [--base URL] FILE|DIR|- ...
//
// Reads each JSON file (directories recursively, "-" or no argument: standard input, one resource), prints one
// JSON object {valid, errors, warnings, results:[{input, resourceType, id, valid, issues:[...]}]} and exits 0 when
// there is no error, 1 on any error, 2 on a usage problem.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResource } from './lib/validate-resource.mjs';
import { loadConformance } from './lib/profiles.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let profilesDir = resolve(here, '../../fhir-profiles');
let canonicalBase = 'https://fhir.recordaccess.nhs.uk';
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--profiles') {
    profilesDir = resolve(args[++i] ?? usage('--profiles needs a directory'));
  } else if (args[i] === '--base') {
    canonicalBase = args[++i] ?? usage('--base needs a url');
  } else if (args[i] === '--help' || args[i] === '-h') {
    usage();
  } else {
    inputs.push(args[i]);
  }
}
if (inputs.length === 0) {
  inputs.push('-');
}

const conformance = loadConformance(existsSync(profilesDir) ? jsonFiles(profilesDir).map((f) => parse(readFileSync(f, 'utf8')).value).filter(Boolean) : []);
const results = [];
for (const input of inputs) {
  const files = input === '-' ? ['-'] : jsonFiles(input);
  for (const file of files) {
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    const parsed = parse(text);
    const issues = parsed.error
      ? [{ severity: 'error', source: 'json', location: '$', message: parsed.error }]
      : validateResource(parsed.value, conformance, canonicalBase);
    results.push({
      input: file === '-' ? 'stdin' : file,
      resourceType: parsed.value?.resourceType ?? null,
      id: parsed.value?.id ?? null,
      valid: !issues.some((x) => x.severity === 'error'),
      issues,
    });
  }
}
const errors = results.flatMap((r) => r.issues).filter((x) => x.severity === 'error').length;
const warnings = results.flatMap((r) => r.issues).filter((x) => x.severity === 'warning').length;
process.stdout.write(`${JSON.stringify({ valid: errors === 0 && results.length > 0, errors, warnings, profiles: conformance.profiles.size, results }, null, 2)}\n`);
process.exitCode = errors === 0 && results.length > 0 ? 0 : 1;

function jsonFiles(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return usage(`${path} does not exist`);
  }
  if (!stat.isDirectory()) {
    return [path];
  }
  return readdirSync(path).sort().flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? (name === 'node_modules' ? [] : jsonFiles(full)) : name.endsWith('.json') ? [full] : [];
  });
}

function parse(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? { value } : { error: 'the JSON is not an object' };
  } catch (e) {
    return { error: `not JSON: ${e.message}` };
  }
}

function usage(problem) {
  if (problem) {
    process.stderr.write(`validate: ${problem}\n`);
  }
  process.stderr.write('usage: node validate.mjs [--profiles DIR] [--base URL] FILE|DIR|- ...\n');
  process.exit(2);
}
