#!/usr/bin/env node
// Drives every recordaccess.v1.RecordAccessGate RPC with the Node gRPC implementation (@grpc/grpc-js, contracts
// loaded at run time by @grpc/proto-loader from protos/, keepCase: field names as in the .proto files).
//
// Run by tests/RecordAccess.Server.Tests/Interop/NodeGateInteropTests.cs against real Kestrel with the demo data:
//   node gate_client.js --target 127.0.0.1:PORT --protos DIR --cancel-key KEY --deadline-key KEY \
//     --max-message BYTES --max-entries N [--group evaluate|access]
// Groups: evaluate (EvaluateEntries, StreamEvaluate; the default) and access (GetPatientAccess, ExplainEntry).
// Tokens come from the environment: RA_TOKEN (gate.evaluate gate.admin, serves A81001) and RA_TOKEN_EVALUATE_ONLY.
// Prints "ok <check>" or "FAIL <check>: why" per check; exits 0 only if every check passed (2 if a module is missing).
'use strict';

const assert = require('node:assert/strict');

const { grpc, parseArgs, loadContracts, bearer, deadline, expectError, reader, runChecks, exitWith } = require('./common');

const VISIBLE_PATIENT = '9434765919'; // A81001, registered 2010-01-01, historic from 2015-01-01, demo-letter-third-party redacted
const RESTRICTED_PATIENT = '9434765951';
const OTHER_PRACTICE_PATIENT = '9434765986'; // A81002: not served by the token
const UNKNOWN_PATIENT = '9434766028';
const BAD_CHECK_DIGIT = '9434765918';
const Status = grpc.status;

function entry(id, { recorded = '2024-01-02', kind = 'ENTRY_KIND_CONSULTATION', status = 'ENTRY_STATUS_FINAL', parent, labels = [], redacted = false, released = false } = {}) {
  const e = { id, recorded_date: recorded, kind, status, labels, redacted, released };
  if (parent !== undefined) e.parent_id = { value: parent }; // google.protobuf.StringValue: present, even when ""
  return e;
}

function mixedRecord() {
  return [
    [entry('z-consult'), 'REASON_VISIBLE'],
    [entry('a-draft', { kind: 'ENTRY_KIND_DOCUMENT', status: 'ENTRY_STATUS_DRAFT' }), 'REASON_NOT_FINAL'],
    [entry('m-old', { recorded: '2014-06-01' }), 'REASON_BEFORE_ACCESS_START'],
    [entry('h-historic', { recorded: '2016-05-01', kind: 'ENTRY_KIND_TEST_RESULT' }), 'REASON_VISIBLE'],
    [entry('demo-letter-third-party', { recorded: '2024-02-01', kind: 'ENTRY_KIND_DOCUMENT' }), 'REASON_ENTRY_REDACTED'],
    [entry('b-flagged', { redacted: true }), 'REASON_ENTRY_REDACTED'],
    [entry('c-label', { kind: 'ENTRY_KIND_DOCUMENT', labels: ['R'] }), 'REASON_ENTRY_SENSITIVE'],
    [entry('d-released', { labels: ['R'], released: true }), 'REASON_VISIBLE'],
    [entry('e-child', { kind: 'ENTRY_KIND_CODED', parent: 'c-label' }), 'REASON_PARENT_WITHHELD'],
    [entry('f-empty-parent', { kind: 'ENTRY_KIND_CODED', parent: '' }), 'REASON_DECISION_UNAVAILABLE'],
    [entry('g-unknown-kind', { kind: 'ENTRY_KIND_UNSPECIFIED' }), 'REASON_DECISION_UNAVAILABLE'],
    [entry('k-child-of-visible', { kind: 'ENTRY_KIND_MEDICATION', parent: 'z-consult' }), 'REASON_VISIBLE'],
  ];
}

function assertDecisions(decisions, expected) {
  const got = decisions.map((d) => [d.entry_id, d.reason, d.visible]);
  const want = expected.map(([e, reason]) => [e.id, reason, reason === 'REASON_VISIBLE']);
  assert.deepEqual(got, want);
}

function assertAnswerIds(answer) {
  assert.match(answer.decision_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.ok(BigInt(answer.state_version) > 0n, `state_version ${answer.state_version}`);
  assert.ok(answer.rule_set_version, 'rule_set_version is empty');
}

/** A duplex call with a pull-style reader: next() resolves with the next message, null at the end, or rejects with the status. */
function openStream(client, metadata, seconds = 20) {
  const call = client.StreamEvaluate(metadata, deadline(seconds));
  const responses = reader(call);
  call.on('status', (status) => { call.finalStatus = status; });
  return {
    call,
    write: (chunk) => call.write(chunk),
    end: () => call.end(),
    next: responses.next,
    rest: responses.rest,
  };
}

function chunk(request_id, entries = [], { nhs = '', last = false, min_state_version = '0' } = {}) {
  return { request_id, nhs_number: nhs, entries, last, min_state_version };
}

async function readRecord(stream, requestId) {
  const decisions = [];
  let chunks = 0;
  for (;;) {
    const reply = await stream.next();
    assert.ok(reply, `the stream ended before the answer of ${requestId}`);
    assert.equal(reply.request_id, requestId);
    chunks += 1;
    decisions.push(...reply.decisions);
    if (reply.last) return { decisions, final: reply, chunks };
    assert.equal(reply.decision_id, '', 'decision id on a non-final chunk');
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), ['target', 'protos', 'cancelKey', 'deadlineKey', 'maxMessage', 'maxEntries']);
  const v1 = loadContracts(args.protos, ['recordaccess/v1/gate.proto']);
  const client = new v1.RecordAccessGate(args.target, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 4 * 1024 * 1024,
    'grpc.max_send_message_length': 4 * 1024 * 1024,
  });
  await new Promise((resolve, reject) => client.waitForReady(Date.now() + 10000, (e) => (e ? reject(e) : resolve())));
  const auth = () => bearer(process.env.RA_TOKEN);
  const evaluateOnly = () => bearer(process.env.RA_TOKEN_EVALUATE_ONLY);
  const unary = (method, request, metadata = auth()) =>
    new Promise((resolve, reject) => client[method](request, metadata, deadline(10), (e, reply) => (e ? reject(e) : resolve(reply))));
  const evaluate = (nhs, entries, extra = {}, metadata = auth()) => unary('EvaluateEntries', { nhs_number: nhs, entries, ...extra }, metadata);

  const accessChecks = {
    async get_patient_access() {
      const reply = await unary('GetPatientAccess', { nhs_number: VISIBLE_PATIENT });
      assert.deepEqual([reply.access_available, reply.reason, reply.access_start_date, reply.historic_from_date],
        [true, 'REASON_VISIBLE', '2023-10-31', '2015-01-01']);
      assertAnswerIds(reply);
      const restricted = await unary('GetPatientAccess', { nhs_number: RESTRICTED_PATIENT });
      assert.deepEqual([restricted.access_available, restricted.reason], [false, 'REASON_RESTRICTED_RISK_OF_HARM']);
    },

    async explain_entry() {
      const entries = mixedRecord().map(([e]) => e);
      const reply = await unary('ExplainEntry', { nhs_number: VISIBLE_PATIENT, entries, entry_id: 'e-child' });
      assert.deepEqual([reply.decision.entry_id, reply.decision.reason, reply.decision.visible], ['e-child', 'REASON_PARENT_WITHHELD', false]);
      assert.deepEqual(reply.withheld_ancestors, ['c-label']);
      const rules = reply.checks.map((c) => c.rule);
      assert.ok(rules.length > 0);
      assert.deepEqual(rules, [...rules].sort((x, y) => x - y));
      assert.equal(reply.checks.find((c) => c.applies).reason, reply.decision.reason);
      assert.ok(reply.evaluation_date);
      assertAnswerIds(reply);
      const whatIf = await unary('ExplainEntry', { nhs_number: VISIBLE_PATIENT, entries, entry_id: 'z-consult', evaluation_date: '2024-06-01' });
      assert.deepEqual([whatIf.decision.reason, whatIf.evaluation_date], ['REASON_VISIBLE', '2024-06-01']);
    },

    async get_patient_access_errors() {
      const access = (nhs, extra = {}, metadata = auth()) => unary('GetPatientAccess', { nhs_number: nhs, ...extra }, metadata);
      await expectError(Status.INVALID_ARGUMENT, () => access('12345'), 'nhs_number');
      await expectError(Status.UNAUTHENTICATED, () => access(VISIBLE_PATIENT, {}, bearer(undefined)));
      // Another practice's patient and an unknown one: the same NOT_FOUND, naming no practice (decision 0090).
      await expectError(Status.NOT_FOUND, () => access(OTHER_PRACTICE_PATIENT), 'nhs_number: no patient with this NHS number');
      await expectError(Status.NOT_FOUND, () => access(UNKNOWN_PATIENT), 'nhs_number: no patient with this NHS number');
      await expectError(Status.FAILED_PRECONDITION, () => access(VISIBLE_PATIENT, { min_state_version: '18446744073709551615' }), 'min_state_version');
    },

    async explain_entry_errors() {
      const explain = (entryId, extra = {}, metadata = auth(), nhs = VISIBLE_PATIENT) =>
        unary('ExplainEntry', { nhs_number: nhs, entries: [entry('e1')], entry_id: entryId, ...extra }, metadata);
      await expectError(Status.INVALID_ARGUMENT, () => explain('not-sent'), 'entry_id');
      await expectError(Status.INVALID_ARGUMENT, () => explain('e1', { evaluation_date: '15/10/2024' }), 'evaluation_date');
      await expectError(Status.UNAUTHENTICATED, () => explain('e1', {}, bearer(undefined)));
      await expectError(Status.PERMISSION_DENIED, () => explain('e1', {}, evaluateOnly())); // needs gate.admin
      await expectError(Status.NOT_FOUND, () => explain('e1', {}, auth(), OTHER_PRACTICE_PATIENT), 'nhs_number');
    },
  };

  const evaluateChecks = {
    async evaluate_entries_in_request_order() {
      const record = mixedRecord();
      const reply = await evaluate(VISIBLE_PATIENT, record.map(([e]) => e));
      assertDecisions(reply.decisions, record);
      assertAnswerIds(reply);
      const again = await evaluate(VISIBLE_PATIENT, record.map(([e]) => e));
      assert.notEqual(again.decision_id, reply.decision_id);
      assert.equal(again.state_version, reply.state_version);
    },

    async evaluate_patient_level_rule() {
      const reply = await evaluate(RESTRICTED_PATIENT, mixedRecord().map(([e]) => e));
      const invalid = new Set(['f-empty-parent', 'g-unknown-kind']);
      for (const d of reply.decisions) {
        assert.equal(d.reason, invalid.has(d.entry_id) ? 'REASON_DECISION_UNAVAILABLE' : 'REASON_RESTRICTED_RISK_OF_HARM', d.entry_id);
        assert.equal(d.visible, false);
      }
    },

    async evaluate_min_state_version_reached() {
      const first = await evaluate(VISIBLE_PATIENT, [entry('v1')]);
      const reply = await evaluate(VISIBLE_PATIENT, [entry('v1')], { min_state_version: first.state_version });
      assert.ok(BigInt(reply.state_version) >= BigInt(first.state_version));
      assert.deepEqual(reply.decisions.map((d) => d.reason), ['REASON_VISIBLE']);
    },

    async stream_several_records_interleaved() {
      const a = [
        [entry('a1', { kind: 'ENTRY_KIND_DOCUMENT', labels: ['V'] }), 'REASON_ENTRY_SENSITIVE'],
        [entry('a2'), 'REASON_VISIBLE'],
        [entry('a3', { kind: 'ENTRY_KIND_CODED', parent: 'a1' }), 'REASON_PARENT_WITHHELD'],
        [entry('a4', { kind: 'ENTRY_KIND_CODED', parent: 'a2' }), 'REASON_VISIBLE'],
        [entry('a5', { kind: 'ENTRY_KIND_CODED', parent: 'a3' }), 'REASON_PARENT_WITHHELD'],
      ];
      const b = [
        [entry('b1'), 'REASON_RESTRICTED_RISK_OF_HARM'],
        [entry('b2', { kind: 'ENTRY_KIND_CODED', parent: 'b1' }), 'REASON_RESTRICTED_RISK_OF_HARM'],
      ];
      const stream = openStream(client, auth());
      stream.write(chunk('rec-A', a.slice(0, 2).map(([e]) => e), { nhs: VISIBLE_PATIENT }));
      stream.write(chunk('rec-B', [b[0][0]], { nhs: RESTRICTED_PATIENT }));
      stream.write(chunk('rec-A', a.slice(2, 4).map(([e]) => e), { nhs: VISIBLE_PATIENT }));
      stream.write(chunk('rec-A', [a[4][0]], { last: true }));
      const answerA = await readRecord(stream, 'rec-A'); // answered while rec-B is still open
      assertDecisions(answerA.decisions, a);
      assertAnswerIds(answerA.final);
      stream.write(chunk('rec-B', [b[1][0]], { last: true }));
      const answerB = await readRecord(stream, 'rec-B');
      assertDecisions(answerB.decisions, b);
      assert.notEqual(answerB.final.decision_id, answerA.final.decision_id);
      const viaUnary = await evaluate(VISIBLE_PATIENT, a.map(([e]) => e));
      assertDecisions(viaUnary.decisions, a);
      stream.write(chunk('rec-A', [entry('again')], { nhs: VISIBLE_PATIENT, last: true }));
      assertDecisions((await readRecord(stream, 'rec-A')).decisions, [[entry('again'), 'REASON_VISIBLE']]);
      stream.end();
      assert.deepEqual(await stream.rest(), []);
    },

    async stream_large_record_in_chunks() {
      const size = 4500;
      const perChunk = 500;
      const id = (i) => `n${String(i).padStart(5, '0')}`;
      const entries = [];
      for (let i = 0; i < size; i++) {
        entries.push(entry(id(i), { kind: 'ENTRY_KIND_CODED', parent: i >= perChunk ? id(i - perChunk) : undefined }));
      }
      entries[7] = entry(id(7), { labels: ['NOPAT'] });
      const stream = openStream(client, auth(), 30);
      for (let start = 0; start < size; start += perChunk) {
        stream.write(chunk('big', entries.slice(start, start + perChunk), { nhs: start === 0 ? VISIBLE_PATIENT : '', last: start + perChunk >= size }));
      }
      const { decisions, final, chunks } = await readRecord(stream, 'big');
      stream.end();
      assert.deepEqual(await stream.rest(), []);
      assert.ok(chunks >= 3, `${size} decisions came in ${chunks} chunks`);
      assert.deepEqual(decisions.map((d) => d.entry_id), entries.map((e) => e.id));
      decisions.forEach((d, i) => {
        const want = i === 7 ? 'REASON_ENTRY_SENSITIVE' : i % perChunk === 7 ? 'REASON_PARENT_WITHHELD' : 'REASON_VISIBLE';
        assert.equal(d.reason, want, d.entry_id);
      });
      assertAnswerIds(final);
    },

    async error_invalid_argument_names_field() {
      await expectError(Status.INVALID_ARGUMENT, () => evaluate(BAD_CHECK_DIGIT, [entry('e1')]), 'nhs_number');
      await expectError(Status.INVALID_ARGUMENT, async () => {
        const stream = openStream(client, auth());
        stream.write(chunk('', [entry('e1')], { nhs: VISIBLE_PATIENT, last: true }));
        stream.end();
        await stream.rest();
      }, 'request_id');
    },

    async error_unauthenticated() {
      await expectError(Status.UNAUTHENTICATED, () => evaluate(VISIBLE_PATIENT, [entry('e1')], {}, bearer(undefined)));
      await expectError(Status.UNAUTHENTICATED, () => evaluate(VISIBLE_PATIENT, [entry('e1')], {}, bearer('not-a-token')));
      await expectError(Status.UNAUTHENTICATED, async () => {
        const stream = openStream(client, bearer(undefined));
        stream.write(chunk('r', [entry('e1')], { nhs: VISIBLE_PATIENT, last: true }));
        stream.end();
        await stream.rest();
      });
    },

    async error_permission_denied() {
      // A patient of a practice the caller does not serve is refused as an unknown one is: NOT_FOUND, no practice named (decision 0090).
      await expectError(Status.NOT_FOUND, () => evaluate(OTHER_PRACTICE_PATIENT, [entry('e1')]), 'nhs_number: no patient with this NHS number');
      // On a stream, the refused record is answered with its error and the stream carries on.
      const stream = openStream(client, auth());
      stream.write(chunk('other', [entry('e1')], { nhs: OTHER_PRACTICE_PATIENT, last: true }));
      stream.write(chunk('mine', [entry('m1')], { nhs: VISIBLE_PATIENT, last: true }));
      stream.end();
      const answers = await stream.rest();
      const refused = answers.filter((a) => a.request_id === 'other');
      assert.equal(refused.length, 1, JSON.stringify(answers));
      assert.equal(refused[0].error.code, Status.NOT_FOUND);
      assert.ok(refused[0].error.message.includes('nhs_number') && !refused[0].error.message.includes('A81002') && refused[0].decisions.length === 0, JSON.stringify(refused));
      assert.deepEqual(answers.filter((a) => a.request_id === 'mine').flatMap((a) => a.decisions.map((d) => d.entry_id)), ['m1']);
    },

    async error_failed_precondition() {
      const started = Date.now();
      await expectError(Status.FAILED_PRECONDITION,
        () => evaluate(VISIBLE_PATIENT, [entry('e1')], { min_state_version: '9223372036854775807' }), 'min_state_version');
      assert.ok(Date.now() - started < 5000, 'the wait for a state version far ahead was not short');
      await expectError(Status.NOT_FOUND, () => evaluate(UNKNOWN_PATIENT, [entry('e1')]), 'nhs_number');
    },

    async stream_deadline() {
      const metadata = auth();
      metadata.set('x-interop-probe', args.deadlineKey);
      const started = Date.now();
      const stream = openStream(client, metadata, 0.5);
      stream.write(chunk('slow', [entry('e1')], { nhs: VISIBLE_PATIENT })); // never completed
      await expectError(Status.DEADLINE_EXCEEDED, () => stream.rest());
      assert.ok(Date.now() - started < 5000);
    },

    async stream_client_cancellation() {
      const metadata = auth();
      metadata.set('x-interop-probe', args.cancelKey);
      const stream = openStream(client, metadata, 30);
      stream.write(chunk('done', [entry('e1')], { nhs: VISIBLE_PATIENT, last: true }));
      await readRecord(stream, 'done'); // the stream is live and answering
      stream.write(chunk('open', [entry('e2')], { nhs: VISIBLE_PATIENT })); // a record left open
      await new Promise((resolve) => setTimeout(resolve, 300));
      stream.call.cancel();
      await expectError(Status.CANCELLED, () => stream.rest());
    },

    async message_too_large() {
      const count = Math.floor(Number(args.maxMessage) / 20) + 1; // each entry is more than 20 bytes on the wire
      const entries = Array.from({ length: count }, (_, i) => entry(`large-${String(i).padStart(6, '0')}`));
      await expectError(Status.RESOURCE_EXHAUSTED, () => evaluate(VISIBLE_PATIENT, entries));
    },

    async stream_record_too_large() {
      const limit = Number(args.maxEntries);
      const perChunk = 1000;
      const stream = openStream(client, auth(), 30);
      for (let start = 0; start <= limit; start += perChunk) {
        const count = Math.min(perChunk, limit + 1 - start);
        const entries = Array.from({ length: count }, (_, i) => entry(`h${start + i}`));
        stream.write(chunk('huge', entries, { nhs: start === 0 ? VISIBLE_PATIENT : '', last: start + count > limit }));
      }
      stream.end();
      const answers = await stream.rest();
      assert.equal(answers.length, 1, JSON.stringify(answers.map((a) => a.error)));
      assert.equal(answers[0].error.code, Status.RESOURCE_EXHAUSTED);
      assert.ok(answers[0].error.message.includes('entries') && answers[0].last && answers[0].decisions.length === 0);
    },

    async still_serving() {
      const reply = await evaluate(VISIBLE_PATIENT, [entry('after')]);
      assert.deepEqual(reply.decisions.map((d) => d.reason), ['REASON_VISIBLE']);
    },
  };

  const checks = args.group === 'access' ? accessChecks : evaluateChecks;
  const failed = await runChecks(checks);
  client.close();
  return failed;
}

exitWith(main);
