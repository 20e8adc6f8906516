// What the Node interop clients (gate_client.js, admin_client.js) share: the gRPC modules, arguments, the contracts
// loaded at run time by @grpc/proto-loader (keepCase: field names as in the .proto files; uint64 and enums as
// strings), metadata, deadlines, error expectations and the check runner ("ok <check>" / "FAIL <check>: why").
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');

let grpc;
let protoLoader;
try {
  grpc = require('@grpc/grpc-js');
  protoLoader = require('@grpc/proto-loader');
} catch (missing) {
  console.log(`MISSING ${missing.message}: run npm ci in tests/interop/node`);
  process.exit(2);
}

/** --kebab-case options as camelCase properties; every name in `required` must be given. */
function parseArgs(argv, required) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = argv[i + 1];
  }
  for (const name of required) {
    if (!args[name]) throw new Error(`--${name} is required`);
  }
  return args;
}

/** The recordaccess.v1 package from the given .proto files under `protos`. */
function loadContracts(protos, files) {
  const definition = protoLoader.loadSync(files.map((p) => path.join(protos, p)), {
    keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protos],
  });
  return grpc.loadPackageDefinition(definition).recordaccess.v1;
}

function bearer(token) {
  const metadata = new grpc.Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

function deadline(seconds) {
  return { deadline: new Date(Date.now() + seconds * 1000) };
}

/** Runs `call` and asserts it fails with `code`, its details containing each of `contains`. */
async function expectError(code, call, contains = []) {
  let error;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected status ${code}, the call succeeded`);
  assert.equal(error.code, code, `expected status ${code}, got ${error.code}: ${error.details}`);
  for (const part of [].concat(contains)) {
    assert.ok((error.details || '').includes(part), `expected details containing ${JSON.stringify(part)}, got ${JSON.stringify(error.details)}`);
  }
  return error;
}

/**
 * A pull-style reader over a streaming call's responses: next() resolves with the next message, null at the end, or
 * rejects with the status; rest() collects what is left.
 */
function reader(call) {
  const messages = [];
  const waiting = [];
  let ended = null; // { error } or { done: true }
  const settle = () => {
    while (waiting.length && (messages.length || ended)) {
      const { resolve, reject } = waiting.shift();
      if (messages.length) resolve(messages.shift());
      else if (ended.error) reject(ended.error);
      else resolve(null);
    }
  };
  call.on('data', (m) => { messages.push(m); settle(); });
  call.on('error', (error) => { ended = ended || { error }; settle(); });
  call.on('end', () => { ended = ended || { done: true }; settle(); });
  return {
    next: () => new Promise((resolve, reject) => { waiting.push({ resolve, reject }); settle(); }),
    async rest() {
      const all = [];
      for (let m = await this.next(); m !== null; m = await this.next()) all.push(m);
      return all;
    },
  };
}

/** Runs each named check in turn, printing ok/FAIL; the exit code is 1 if any failed. */
async function runChecks(checks) {
  let failed = 0;
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      console.log(`ok ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}: ${(error && error.message ? error.message : String(error)).replace(/\n/g, ' | ')}`);
    }
  }
  return failed ? 1 : 0;
}

/** Runs `main` and exits with its code; a failure outside the checks is reported as "FAIL setup". */
function exitWith(main) {
  main().then((code) => process.exit(code), (error) => {
    console.log(`FAIL setup: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  });
}

module.exports = { grpc, parseArgs, loadContracts, bearer, deadline, expectError, reader, runChecks, exitWith };
