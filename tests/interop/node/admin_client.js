#!/usr/bin/env node
// Drives every recordaccess.v1.RecordAccessAdmin RPC with the Node gRPC implementation (@grpc/grpc-js, contracts
// loaded at run time by @grpc/proto-loader from protos/, keepCase: field names as in the .proto files; uint64 as strings).
//
// Run by tests/RecordAccess.Server.Tests/Interop/NodeAdminInteropTests.cs against real Kestrel with the demo data:
//   node admin_client.js --target 127.0.0.1:PORT --protos DIR --staff-id ID --other-staff-id ID --supplier-id ID --new-ods ODS
// Tokens come from the environment: RA_STAFF (staff, role R8000, of A81001, user id --staff-id), RA_STAFF_OTHER (staff of
// A81002) and RA_SUPPLIER (supplier --supplier-id, gate.evaluate gate.admin, serves A81001 and --new-ods, a practice nobody
// has written yet). Every write is for patients registered here under fresh NHS numbers; the demo patients stay as they are.
// Prints "ok <check>" or "FAIL <check>: why" per check; exits 0 only if every check passed (2 if a module is missing).
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { grpc, parseArgs, loadContracts, bearer, deadline, expectError, reader, runChecks, exitWith } = require('./common');

const PRACTICE = 'A81001'; // switched on 2023-10-31 (DemoData)
const OTHER_PRACTICE = 'A81002';
const DEMO_PATIENT = '9434765919'; // at A81001, demo-letter-third-party redacted
const UNKNOWN_PATIENT = '9434766028';
const BAD_CHECK_DIGIT = '9434765918';
const NOT_INDICATED = '1364751000000106';
const DECLINED = '1290331000000103';
const Status = grpc.status;

/** A valid NHS number (modulus 11) that no demo patient and, almost surely, no earlier run uses. */
function newNhsNumber() {
  for (;;) {
    const stem = String(700000000 + crypto.randomInt(0, 100000000)).padStart(9, '0');
    const sum = [...stem].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return stem + check;
  }
}

const big = (value) => BigInt(value);

/** A server-streaming call with a pull-style reader: next() resolves with the next message, null at the end, or rejects with the status. */
function openWatch(client, request, metadata, seconds = 20) {
  const call = client.WatchChanges(request, metadata, deadline(seconds));
  const responses = reader(call);
  return {
    call,
    cancel: () => call.cancel(),
    next: responses.next,
    /** Events up to and including the first at or after version. */
    async until(version) {
      const events = [];
      for (;;) {
        const event = await this.next();
        assert.ok(event, `the watch ended before version ${version}: ${events.map((e) => e.version)}`);
        events.push(event);
        if (big(event.version) >= big(version)) return events;
      }
    },
    rest: responses.rest,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), ['target', 'protos', 'staffId', 'otherStaffId', 'supplierId', 'newOds']);
  const v1 = loadContracts(args.protos, ['recordaccess/v1/admin.proto', 'recordaccess/v1/gate.proto']);
  const options = { 'grpc.max_receive_message_length': 4 * 1024 * 1024, 'grpc.max_send_message_length': 4 * 1024 * 1024 };
  const admin = new v1.RecordAccessAdmin(args.target, grpc.credentials.createInsecure(), options);
  const gate = new v1.RecordAccessGate(args.target, grpc.credentials.createInsecure(), options);
  await new Promise((resolve, reject) => admin.waitForReady(Date.now() + 10000, (e) => (e ? reject(e) : resolve())));
  const staff = () => bearer(process.env.RA_STAFF);
  const otherStaff = () => bearer(process.env.RA_STAFF_OTHER);
  const supplier = () => bearer(process.env.RA_SUPPLIER);
  const runId = crypto.randomUUID().slice(0, 12);
  const key = (name) => `js-${runId}-${name}`;
  let keyedWrites = []; // [method, request, metadata] of every_write_commits, replayed later

  const unary = (client, method, request, metadata) =>
    new Promise((resolve, reject) => client[method](request, metadata, deadline(10), (e, reply) => (e ? reject(e) : resolve(reply))));
  const call = (method, request, metadata = staff()) => unary(admin, method, request, metadata);
  const state = (nhs, asOf = '0', metadata = staff()) => unary(admin, 'GetPatientState', { nhs_number: nhs, as_of_version: String(asOf) }, metadata);
  /** The server's state version now (read through a demo patient's state). */
  const version = async () => big((await state(DEMO_PATIENT)).state_version);
  /** A write that must commit a new event. */
  const write = async (method, request, metadata = staff()) => {
    const before = await version();
    const reply = await call(method, { reason: `interop ${method}`, ...request }, metadata);
    assert.ok(!reply.replayed && !reply.unchanged, `${method}: ${JSON.stringify(reply)}`);
    assert.ok(big(reply.state_version) > before, `${method}: state_version ${reply.state_version} is not after ${before}`);
    return reply;
  };
  const registration = (nhs, ods = PRACTICE) => ({ nhs_number: nhs, ods, date_of_birth: '1980-05-05', registration_date: '2010-01-01' });
  const register = async (ods = PRACTICE, metadata = staff()) => {
    const nhs = newNhsNumber();
    await write('RegisterPatient', registration(nhs, ods), metadata);
    return nhs;
  };
  const watch = (fromVersion, metadata = staff(), ods = '', seconds = 20) =>
    openWatch(admin, { from_version: String(fromVersion), ods }, metadata, seconds);
  const watchToEnd = (fromVersion, metadata, ods) => watch(fromVersion, metadata, ods, 5).rest();
  const evaluate = async (nhs, entryId, minStateVersion = '0') => {
    const entry = { id: entryId, recorded_date: '2024-01-02', kind: 'ENTRY_KIND_CONSULTATION', status: 'ENTRY_STATUS_FINAL' };
    const reply = await unary(gate, 'EvaluateEntries', { nhs_number: nhs, entries: [entry], min_state_version: String(minStateVersion) }, supplier());
    return { reply, reasons: reply.decisions.map((d) => d.reason) };
  };
  const unchangedSince = async (before, what) => assert.equal(await version(), before, what);

  const checks = {
    /** Every write RPC once, each with an idempotency key; versions increase and each change is in the state as of its version. */
    async every_write_commits() {
      const nhs = newNhsNumber();
      const entry = 'js-entry-1';
      const flag = 'js-flag-1';
      const settings = { ods: args.newOds, switch_on_date: '2024-04-01', opted_out: false, reason: 'interop SetPracticeSettings', idempotency_key: key('settings') };
      await write('SetPracticeSettings', settings, supplier());
      const steps = [
        ['RegisterPatient', { ods: PRACTICE, date_of_birth: '1980-05-05', registration_date: '2010-01-01' },
          (s) => s.ods === PRACTICE && s.date_of_birth === '1980-05-05' && s.registration_date === '2010-01-01'],
        ['RecordPatientCode', { code: NOT_INDICATED, effective_date: '2024-01-10' },
          (s) => JSON.stringify(s.codes) === JSON.stringify([{ code: NOT_INDICATED, effective_date: '2024-01-10' }])],
        ['RestrictPatient', {}, (s) => s.restricted],
        ['LiftRestriction', {}, (s) => !s.restricted],
        ['RaiseSafeguardingFlag', { flag_id: flag }, (s) => s.safeguarding_flags.join() === flag],
        ['ResolveSafeguardingFlag', { flag_id: flag }, (s) => s.safeguarding_flags.length === 0],
        ['GrantIndividualAccess', { date: '2024-02-01' }, (s) => s.individual_grant_date === '2024-02-01'],
        ['RevokeIndividualAccess', {}, (s) => s.individual_grant_date === ''],
        ['SetIndividualStartDate', { date: '2024-03-01' }, (s) => s.individual_start_date === '2024-03-01'],
        ['RemoveIndividualStartDate', {}, (s) => s.individual_start_date === ''],
        ['GrantHistoricAccess', { date: '2015-01-01' }, (s) => s.historic_from_date === '2015-01-01'],
        ['RevokeHistoricAccess', {}, (s) => s.historic_from_date === ''],
        ['RedactEntry', { entry_id: entry }, (s) => s.redacted_entries.join() === entry],
        ['UnredactEntry', { entry_id: entry }, (s) => s.redacted_entries.length === 0],
        ['ReleaseEntry', { entry_id: entry }, (s) => s.released_entries.join() === entry],
        ['WithdrawRelease', { entry_id: entry }, (s) => s.released_entries.length === 0],
      ];
      keyedWrites = [['SetPracticeSettings', settings, supplier]];
      let previous = 0n;
      for (const [method, fields, holds] of steps) {
        const request = { ...fields, nhs_number: nhs, reason: `interop ${method}`, idempotency_key: key(method) };
        const reply = await write(method, request);
        assert.ok(big(reply.state_version) > previous, `${method}: ${reply.state_version} after ${previous}`);
        previous = big(reply.state_version);
        const then = await state(nhs, reply.state_version);
        assert.ok(then.state_version === reply.state_version && holds(then), `${method}: the state as of ${reply.state_version} is ${JSON.stringify(then)}`);
        keyedWrites.push([method, request, staff]);
      }
      const last = await state(nhs);
      assert.ok(!last.restricted && !last.safeguarding_flags.length && !last.redacted_entries.length && !last.released_entries.length, JSON.stringify(last));
    },

    /** Each keyed write of every_write_commits sent again after all of them: its original answer, and nothing written. */
    async retry_with_key_replayed() {
      assert.equal(keyedWrites.length, 17, `every_write_commits recorded ${keyedWrites.length} of 17 writes`);
      const before = await version();
      for (const [method, request, metadata] of keyedWrites) {
        const first = await call(method, request, metadata());
        const second = await call(method, request, metadata());
        for (const reply of [first, second]) {
          assert.ok(reply.replayed && !reply.unchanged, `${method}: ${JSON.stringify(reply)}`);
        }
        assert.equal(first.state_version, second.state_version, method);
        assert.ok(big(first.state_version) > 0n && big(first.state_version) <= before, `${method}: replayed version ${first.state_version}, state version ${before}`);
      }
      await unchangedSince(before, 'a replay wrote an event');
    },

    /** A change already in effect, sent again without a key: OK, unchanged, the current version, no event. */
    async repeat_without_key_unchanged() {
      const nhs = await register();
      const entry = 'js-entry-repeat';
      const cases = [
        ['RegisterPatient', { ods: PRACTICE, date_of_birth: '1980-05-05', registration_date: '2010-01-01' }],
        ['RecordPatientCode', { code: NOT_INDICATED, effective_date: '2024-01-10' }],
        ['RestrictPatient', {}],
        ['RaiseSafeguardingFlag', { flag_id: 'js-flag-repeat' }],
        ['GrantIndividualAccess', { date: '2024-02-01' }],
        ['SetIndividualStartDate', { date: '2024-03-01' }],
        ['GrantHistoricAccess', { date: '2015-01-01' }],
        ['RedactEntry', { entry_id: entry }],
        ['ReleaseEntry', { entry_id: entry }],
      ];
      for (const [method, fields] of cases) {
        const request = { ...fields, nhs_number: nhs, reason: `interop ${method}` };
        if (method !== 'RegisterPatient') await write(method, request);
        const before = await version();
        const again = await call(method, request);
        assert.ok(again.unchanged && !again.replayed && big(again.state_version) === before, `${method} again: ${JSON.stringify(again)} (state version ${before})`);
        await unchangedSince(before, `${method} again wrote an event`);
      }
      const before = await version();
      const settings = await call('SetPracticeSettings', { ods: PRACTICE, switch_on_date: '2023-10-31', opted_out: false, reason: 'as they are' });
      assert.ok(settings.unchanged && big(settings.state_version) === before, JSON.stringify(settings));
      // With a key, a no-op is recorded as such: its replay says replayed and unchanged.
      const keyed = { nhs_number: nhs, reason: 'again', idempotency_key: key('restrict-again') };
      const first = await call('RestrictPatient', keyed);
      const replay = await call('RestrictPatient', keyed);
      assert.deepEqual([first.unchanged, first.replayed, replay.unchanged, replay.replayed], [true, false, true, true]);
      assert.ok(first.state_version === replay.state_version && big(first.state_version) === before, JSON.stringify([first, replay, String(before)]));
      await unchangedSince(before, 'a no-op wrote an event');
    },

    async idempotency_key_other_content_refused() {
      const nhs = await register();
      const k = key('conflict');
      const code = { nhs_number: nhs, code: NOT_INDICATED, effective_date: '2024-01-10', reason: 'interop RecordPatientCode', idempotency_key: k };
      const first = await write('RecordPatientCode', code);
      const before = await version();
      await expectError(Status.FAILED_PRECONDITION, () => call('RecordPatientCode', { ...code, effective_date: '2024-01-11' }), 'idempotency_key');
      await expectError(Status.FAILED_PRECONDITION, () => call('RestrictPatient', { nhs_number: nhs, reason: 'r', idempotency_key: k }), 'idempotency_key');
      await expectError(Status.FAILED_PRECONDITION, () => call('RecordPatientCode', code, supplier()), 'idempotency_key');
      await unchangedSince(before, 'a refused write wrote an event');
      const now = await state(nhs);
      assert.deepEqual([now.codes.map((c) => c.effective_date), now.restricted], [['2024-01-10'], false]);
      const replay = await call('RecordPatientCode', code);
      assert.ok(replay.replayed && replay.state_version === first.state_version, JSON.stringify(replay));
    },

    async batch_code_dry_run() {
      const patients = [await register(), await register(), await register()];
      const before = await version();
      const dry = await call('BatchCode', { ods: PRACTICE, code: DECLINED, effective_date: '2024-06-01', nhs_numbers: patients, dry_run: true, reason: 'dry run' });
      assert.deepEqual([dry.dry_run, dry.state_version, dry.replayed], [true, '0', false]);
      assert.deepEqual([dry.patients_changed, dry.patients_unchanged, dry.lose_access_today, dry.gain_access_today], [3, 0, 3, 0]);
      await unchangedSince(before, 'a dry run wrote events');
      for (const nhs of patients) assert.equal((await state(nhs)).codes.length, 0, 'a dry run recorded codes');
    },

    async batch_code_commits_and_replays() {
      const patients = [await register(), await register(), await register()];
      const batch = { ods: PRACTICE, code: DECLINED, effective_date: '2024-06-01', nhs_numbers: patients, reason: 'batch', idempotency_key: key('batch') };
      const before = await version();
      const committed = await call('BatchCode', batch);
      assert.ok(!committed.dry_run && !committed.replayed && big(committed.state_version) === before + 3n, `${JSON.stringify(committed)} after ${before}`);
      assert.deepEqual([committed.patients_changed, committed.patients_unchanged, committed.lose_access_today], [3, 0, 3]);
      for (const nhs of patients) {
        assert.deepEqual((await state(nhs)).codes, [{ code: DECLINED, effective_date: '2024-06-01' }], nhs);
      }
      const replay = await call('BatchCode', batch);
      assert.ok(replay.replayed && replay.state_version === committed.state_version, JSON.stringify(replay));
      await unchangedSince(big(committed.state_version), 'the replay wrote events');
      // Without the key: every patient already has the code on that date.
      const again = await call('BatchCode', { ...batch, idempotency_key: '' });
      assert.deepEqual([again.patients_changed, again.patients_unchanged, again.replayed], [0, 3, false]);
      await unchangedSince(big(committed.state_version), 'a batch that changes nothing wrote events');
      await expectError(Status.FAILED_PRECONDITION, () => call('BatchCode', { ...batch, effective_date: '2024-06-02' }), 'idempotency_key');
    },

    async batch_code_invalid_row() {
      const valid = await register();
      const batch = { ods: PRACTICE, code: NOT_INDICATED, effective_date: '2024-06-01', nhs_numbers: [valid, BAD_CHECK_DIGIT], reason: 'batch' };
      const before = await version();
      await expectError(Status.INVALID_ARGUMENT, () => call('BatchCode', batch), ['nhs_numbers', 'row 2', 'skip_invalid']);
      await expectError(Status.FAILED_PRECONDITION, () => call('BatchCode', { ...batch, nhs_numbers: [valid, UNKNOWN_PATIENT] }), 'nhs_numbers');
      await unchangedSince(before, 'a refused batch committed');
      assert.equal((await state(valid)).codes.length, 0, 'a refused batch recorded a code');
      const skipped = await call('BatchCode', { ...batch, skip_invalid: true });
      assert.ok(skipped.patients_changed === 1 && big(skipped.state_version) > before, JSON.stringify(skipped));
      assert.deepEqual(skipped.invalid_rows.map((r) => [r.row, r.nhs_number]), [[2, BAD_CHECK_DIGIT]]);
      assert.ok(skipped.invalid_rows[0].message, 'the invalid row has no message');
      assert.deepEqual((await state(valid)).codes.map((c) => c.code), [NOT_INDICATED]);
    },

    async error_invalid_argument_names_field() {
      const nhs = await register();
      const before = await version();
      const invalid = Status.INVALID_ARGUMENT;
      const newcomer = registration(newNhsNumber());
      await expectError(invalid, () => call('RegisterPatient', { ...newcomer, nhs_number: BAD_CHECK_DIGIT }), 'nhs_number');
      await expectError(invalid, () => call('RestrictPatient', { nhs_number: '12345', reason: 'r' }), 'nhs_number');
      await expectError(invalid, () => call('RegisterPatient', { ...newcomer, ods: 'a81001' }), 'ods');
      await expectError(invalid, () => call('SetPracticeSettings', { ods: 'A8100', switch_on_date: '2023-10-31', reason: 'r' }), 'ods');
      await expectError(invalid, () => call('RegisterPatient', { ...newcomer, date_of_birth: '05/05/1980' }), 'date_of_birth');
      await expectError(invalid, () => call('RegisterPatient', { ...newcomer, registration_date: '2010-02-30' }), 'registration_date');
      await expectError(invalid, () => call('SetPracticeSettings', { ods: PRACTICE, switch_on_date: '2099-01-01', reason: 'r' }), 'switch_on_date');
      await expectError(invalid, () => call('RecordPatientCode', { nhs_number: nhs, code: NOT_INDICATED, effective_date: '2024-13-01', reason: 'r' }), 'effective_date');
      await expectError(invalid, () => call('RecordPatientCode', { nhs_number: nhs, code: '123456', effective_date: '2024-01-10', reason: 'r' }), 'code');
      await expectError(invalid, () => call('GrantIndividualAccess', { nhs_number: nhs, date: '2099-01-01', reason: 'r' }), 'date');
      await expectError(invalid, () => call('GrantHistoricAccess', { nhs_number: nhs, date: '1899-12-31', reason: 'r' }), 'date');
      await expectError(invalid, () => call('RestrictPatient', { nhs_number: nhs, reason: '' }), 'reason');
      await expectError(invalid, () => call('SetPracticeSettings', { ods: PRACTICE, switch_on_date: '2023-10-31', reason: ' ' }), 'reason');
      await expectError(invalid, () => call('RedactEntry', { nhs_number: nhs, entry_id: '', reason: 'r' }), 'entry_id');
      await expectError(invalid, () => call('RaiseSafeguardingFlag', { nhs_number: nhs, flag_id: ' padded', reason: 'r' }), 'flag_id');
      await expectError(invalid, () => call('RestrictPatient', { nhs_number: nhs, reason: 'r', idempotency_key: 'x'.repeat(129) }), 'idempotency_key');
      await expectError(invalid, () => call('BatchCode', { ods: PRACTICE, code: NOT_INDICATED, effective_date: '2024-01-10', nhs_numbers: [nhs], reason: '' }), 'reason');
      await expectError(invalid, () => state('943476591'), 'nhs_number');
      await expectError(invalid, () => watchToEnd(0, staff(), 'bad'), 'ods');
      await unchangedSince(before, 'a refused write wrote an event');
      assert.equal((await state(nhs)).restricted, false);
    },

    async error_failed_precondition() {
      const precondition = Status.FAILED_PRECONDITION;
      // An unknown patient is NOT_FOUND, exactly as another practice's (decision 0090).
      await expectError(Status.NOT_FOUND, () => call('RestrictPatient', { nhs_number: UNKNOWN_PATIENT, reason: 'r' }), 'nhs_number');
      await expectError(Status.NOT_FOUND, () => call('RecordPatientCode', { nhs_number: UNKNOWN_PATIENT, code: NOT_INDICATED, effective_date: '2024-01-10', reason: 'r' }), 'nhs_number');
      await expectError(Status.NOT_FOUND, () => state(UNKNOWN_PATIENT), 'nhs_number');
      const nhs = await register();
      await write('GrantIndividualAccess', { nhs_number: nhs, date: '2024-02-01' });
      await write('GrantHistoricAccess', { nhs_number: nhs, date: '2015-01-01' });
      const before = await version();
      await expectError(precondition, () => call('LiftRestriction', { nhs_number: nhs, reason: 'r' }));
      await expectError(precondition, () => call('ResolveSafeguardingFlag', { nhs_number: nhs, flag_id: 'never-raised', reason: 'r' }), 'flag_id');
      await expectError(precondition, () => call('UnredactEntry', { nhs_number: nhs, entry_id: 'never-redacted', reason: 'r' }), 'entry_id');
      await expectError(precondition, () => call('WithdrawRelease', { nhs_number: nhs, entry_id: 'never-released', reason: 'r' }), 'entry_id');
      await expectError(precondition, () => call('RemoveIndividualStartDate', { nhs_number: nhs, reason: 'r' }));
      // Decision A8: a grant or historic access of another date is refused; revoke it first.
      await expectError(precondition, () => call('GrantIndividualAccess', { nhs_number: nhs, date: '2024-02-02', reason: 'r' }), 'date');
      await expectError(precondition, () => call('GrantHistoricAccess', { nhs_number: nhs, date: '2016-01-01', reason: 'r' }), 'date');
      await expectError(precondition, () => state(nhs, '9223372036854775808'), 'as_of_version');
      await unchangedSince(before, 'a refused write wrote an event');
      await write('RevokeIndividualAccess', { nhs_number: nhs });
      await write('RevokeHistoricAccess', { nhs_number: nhs });
      await expectError(precondition, () => call('RevokeIndividualAccess', { nhs_number: nhs, reason: 'r' }));
      await expectError(precondition, () => call('RevokeHistoricAccess', { nhs_number: nhs, reason: 'r' }));
    },

    async error_permission_denied() {
      const nhs = await register();
      const before = await version();
      const denied = Status.PERMISSION_DENIED;
      // Another practice's patient is NOT_FOUND, as an unknown one is, and no practice is named (decision 0090).
      const unknown = 'nhs_number: no patient with this NHS number';
      await expectError(Status.NOT_FOUND, () => call('RestrictPatient', { nhs_number: nhs, reason: 'r' }, otherStaff()), unknown);
      await expectError(Status.NOT_FOUND, () => call('RedactEntry', { nhs_number: nhs, entry_id: 'e1', reason: 'r' }, otherStaff()), unknown);
      await expectError(denied, () => call('RegisterPatient', registration(newNhsNumber()), otherStaff()), PRACTICE);
      // Moving a patient needs the practice the patient leaves too (decision A2).
      await expectError(denied, () => call('RegisterPatient', { ...registration(nhs, OTHER_PRACTICE), registration_date: '2024-01-01' }, otherStaff()), 'nhs_number');
      await expectError(denied, () => call('SetPracticeSettings', { ods: PRACTICE, switch_on_date: '2023-10-31', reason: 'r' }, otherStaff()), PRACTICE);
      await expectError(denied, () => call('BatchCode', { ods: PRACTICE, code: NOT_INDICATED, effective_date: '2024-01-10', nhs_numbers: [nhs], reason: 'r' }, otherStaff()), PRACTICE);
      await expectError(Status.NOT_FOUND, () => state(nhs, '0', otherStaff()), unknown);
      await expectError(denied, () => watchToEnd(0, otherStaff(), PRACTICE), PRACTICE);
      await unchangedSince(before, 'a refused write wrote an event');
      const now = await state(nhs);
      assert.deepEqual([now.ods, now.restricted], [PRACTICE, false]);
    },

    async error_unauthenticated() {
      const nhs = await register();
      const before = await version();
      for (const metadata of [() => bearer(), () => bearer('not-a-token')]) {
        await expectError(Status.UNAUTHENTICATED, () => call('RestrictPatient', { nhs_number: nhs, reason: 'r' }, metadata()));
        await expectError(Status.UNAUTHENTICATED, () => call('SetPracticeSettings', { ods: PRACTICE, switch_on_date: '2023-10-31', reason: 'r' }, metadata()));
        await expectError(Status.UNAUTHENTICATED, () => state(nhs, '0', metadata()));
        await expectError(Status.UNAUTHENTICATED, () => watchToEnd(0, metadata()));
      }
      await unchangedSince(before, 'an unauthenticated write wrote an event');
      assert.equal((await state(nhs)).restricted, false);
    },

    async get_patient_state_now_and_as_of() {
      const nhs = newNhsNumber();
      const registered = await write('RegisterPatient', registration(nhs));
      const restricted = await write('RestrictPatient', { nhs_number: nhs });
      const flagged = await write('RaiseSafeguardingFlag', { nhs_number: nhs, flag_id: 'js-flag-asof' });
      const now = await state(nhs);
      assert.deepEqual([now.nhs_number, now.ods, now.date_of_birth, now.registration_date], [nhs, PRACTICE, '1980-05-05', '2010-01-01']);
      assert.ok(now.restricted && now.safeguarding_flags.join() === 'js-flag-asof' && big(now.state_version) >= big(flagged.state_version), JSON.stringify(now));
      const beforeRestriction = await state(nhs, big(restricted.state_version) - 1n);
      assert.equal(big(beforeRestriction.state_version), big(restricted.state_version) - 1n);
      assert.ok(!beforeRestriction.restricted && !beforeRestriction.safeguarding_flags.length, JSON.stringify(beforeRestriction));
      const atRestriction = await state(nhs, restricted.state_version);
      assert.ok(atRestriction.restricted && !atRestriction.safeguarding_flags.length, JSON.stringify(atRestriction));
      // Before the registration the patient was not there.
      await expectError(Status.FAILED_PRECONDITION, () => state(nhs, big(registered.state_version) - 1n), 'nhs_number');
      // A supplier serving the practice reads it too.
      assert.equal((await state(nhs, '0', supplier())).restricted, true);
    },

    /** Events after a version, with the actor, only of the caller's practice; then live events. */
    async watch_changes_from_version() {
      const start = await version();
      const nhs = await register();
      await write('RestrictPatient', { nhs_number: nhs, reason: 'risk' });
      const other = await register(OTHER_PRACTICE, otherStaff()); // not the watcher's practice
      const redacted = await write('RedactEntry', { nhs_number: nhs, entry_id: 'js-watch-entry', reason: 'third party' });
      const stream = watch(start);
      try {
        const events = await stream.until(redacted.state_version);
        assert.deepEqual(events.map((e) => [e.kind, e.nhs_number]), [['PatientRegistered', nhs], ['PatientRestricted', nhs], ['EntryRedacted', nhs]]);
        assert.ok(events.every((e) => e.ods === PRACTICE && big(e.version) > start && e.nhs_number !== other), JSON.stringify(events));
        const versions = events.map((e) => big(e.version));
        assert.ok(versions[0] < versions[1] && versions[1] < versions[2], String(versions));
        const [registeredEvent, restrictedEvent, redactedEvent] = events;
        assert.deepEqual([registeredEvent.date_of_birth, registeredEvent.date], ['1980-05-05', '2010-01-01']);
        assert.deepEqual([restrictedEvent.reason, redactedEvent.entry_id, redactedEvent.reason], ['risk', 'js-watch-entry', 'third party']);
        for (const e of events) {
          assert.deepEqual(e.actor, { kind: 'staff', id: args.staffId, ods: PRACTICE, role: 'R8000' });
          assert.ok(big(e.recorded_at.seconds) > 0n, JSON.stringify(e));
        }
        // A change committed while the watch is open arrives on it.
        const lifted = await write('LiftRestriction', { nhs_number: nhs, reason: 'reviewed' });
        const live = await stream.until(lifted.state_version);
        assert.deepEqual(live.map((e) => [e.kind, e.version, e.reason]), [['PatientRestrictionLifted', lifted.state_version, 'reviewed']]);
      } finally {
        stream.cancel();
      }
    },

    /** A supplier serving two practices: every event without a filter, one practice's with one. */
    async watch_changes_ods_filter() {
      const start = await version();
      const nhs = await register(PRACTICE, supplier());
      await write('SetPracticeSettings', { ods: args.newOds, switch_on_date: '2024-05-01', opted_out: true }, supplier());
      const newcomer = newNhsNumber();
      const arrived = await write('RegisterPatient', { nhs_number: newcomer, ods: args.newOds, date_of_birth: '1990-01-01', registration_date: '2024-05-01' }, supplier());
      const restricted = await write('RestrictPatient', { nhs_number: nhs }, supplier());
      const expected = [
        ['', [['PatientRegistered', PRACTICE], ['PracticeSettingsChanged', args.newOds], ['PatientRegistered', args.newOds], ['PatientRestricted', PRACTICE]]],
        [args.newOds, [['PracticeSettingsChanged', args.newOds], ['PatientRegistered', args.newOds]]],
        [PRACTICE, [['PatientRegistered', PRACTICE], ['PatientRestricted', PRACTICE]]],
      ];
      for (const [ods, want] of expected) {
        const stream = watch(start, supplier(), ods);
        let events;
        try {
          events = await stream.until(ods === args.newOds ? arrived.state_version : restricted.state_version);
        } finally {
          stream.cancel();
        }
        assert.deepEqual(events.map((e) => [e.kind, e.ods]), want, `ods filter ${JSON.stringify(ods)}`);
        for (const e of events) {
          assert.deepEqual([e.actor.kind, e.actor.id, e.actor.ods], ['supplier', args.supplierId, '']);
          if (e.kind === 'PracticeSettingsChanged') assert.deepEqual([e.date, e.opted_out, e.nhs_number], ['2024-05-01', true, '']);
          else if (e.ods === args.newOds) assert.equal(e.nhs_number, newcomer);
        }
      }
    },

    /** The client cancels an open watch; the server keeps serving, also a new watch from the same version. */
    async watch_changes_client_cancel() {
      const start = await version();
      const nhs = await register();
      const stream = watch(start, staff(), '', 30);
      const first = await stream.next();
      assert.deepEqual([first.kind, first.nhs_number], ['PatientRegistered', nhs]);
      stream.cancel();
      await expectError(Status.CANCELLED, () => stream.rest());
      const restricted = await write('RestrictPatient', { nhs_number: nhs });
      assert.equal((await state(nhs)).restricted, true);
      const again = watch(start);
      let events;
      try {
        events = await again.until(restricted.state_version);
      } finally {
        again.cancel();
      }
      assert.deepEqual(events.map((e) => [e.kind, e.nhs_number]), [['PatientRegistered', nhs], ['PatientRestricted', nhs]]);
    },

    /** A withholding write's version as the gate's min_state_version: the gate answers with the change in force. */
    async read_your_writes() {
      const nhs = await register();
      assert.deepEqual((await evaluate(nhs, 'js-ryw-entry')).reasons, ['REASON_VISIBLE']);
      const redacted = await write('RedactEntry', { nhs_number: nhs, entry_id: 'js-ryw-entry', reason: 'third party' });
      let answer = await evaluate(nhs, 'js-ryw-entry', redacted.state_version);
      assert.deepEqual(answer.reasons, ['REASON_ENTRY_REDACTED']);
      assert.ok(big(answer.reply.state_version) >= big(redacted.state_version), JSON.stringify(answer.reply));
      const restricted = await write('RestrictPatient', { nhs_number: nhs });
      answer = await evaluate(nhs, 'js-other-entry', restricted.state_version);
      assert.deepEqual(answer.reasons, ['REASON_RESTRICTED_RISK_OF_HARM']);
      assert.ok(big(answer.reply.state_version) >= big(restricted.state_version), JSON.stringify(answer.reply));
    },

    async still_serving() {
      assert.deepEqual((await state(DEMO_PATIENT)).redacted_entries, ['demo-letter-third-party']);
    },
  };

  const failed = await runChecks(checks);
  admin.close();
  gate.close();
  return failed;
}

exitWith(main);
