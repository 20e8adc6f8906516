#!/usr/bin/python3
"""Drives every recordaccess.v1.RecordAccessAdmin RPC with Google's own gRPC client (Debian's python3-grpcio).

Run by tests/RecordAccess.Server.Tests/Interop/PythonAdminInteropTests.cs against real Kestrel with the demo data:
    /usr/bin/python3 admin_client.py --target 127.0.0.1:PORT --protos DIR \
        --staff-id ID --other-staff-id ID --supplier-id ID --new-ods ODS
Tokens come from the environment (minted by the test host's development issuer):
    RA_STAFF          staff (role R8000) of A81001, user id --staff-id
    RA_STAFF_OTHER    staff of A81002, user id --other-staff-id
    RA_SUPPLIER       supplier --supplier-id, scopes gate.evaluate gate.admin, serves A81001 and --new-ods
--new-ods is a practice nobody has written yet. Every write is for patients registered here under fresh NHS numbers,
so the demo patients stay as DemoData made them.
Prints "ok <check>" or "FAIL <check>: why" per check; exits 0 only if every check passed.
"""
import argparse
import os
import random
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gate_common import ADMIN_CONTRACTS, Stubs, bearer, expect_error, grpc, open_channel, run_checks  # noqa: E402

PRACTICE = "A81001"          # switched on 2023-10-31 (DemoData)
OTHER_PRACTICE = "A81002"
DEMO_PATIENT = "9434765919"  # at A81001
UNKNOWN_PATIENT = "9434766028"
BAD_CHECK_DIGIT = "9434765918"
NOT_INDICATED = "1364751000000106"
DECLINED = "1290331000000103"
_random = random.SystemRandom()


def new_nhs_number():
    """A valid NHS number (modulus 11) that no demo patient and, almost surely, no earlier run uses."""
    while True:
        stem = f"{_random.randrange(600_000_000, 700_000_000):09d}"
        check = (11 - sum(int(d) * (10 - i) for i, d in enumerate(stem)) % 11) % 11
        if check != 10:
            return stem + str(check)


def main():
    parser = argparse.ArgumentParser()
    for name in ("--target", "--protos", "--staff-id", "--other-staff-id", "--supplier-id", "--new-ods"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    stubs = Stubs(args.protos, ADMIN_CONTRACTS)
    try:
        return AdminChecks(args, stubs).run()
    finally:
        stubs.close()


class AdminChecks:
    def __init__(self, args, stubs):
        self.args = args
        self.t = stubs.types_pb2
        self.g = stubs.gate_pb2
        self.a = stubs.admin_pb2
        self.channel = open_channel(args.target)
        self.admin = stubs.admin_pb2_grpc.RecordAccessAdminStub(self.channel)
        self.gate = stubs.gate_pb2_grpc.RecordAccessGateStub(self.channel)
        self.staff = bearer(os.environ["RA_STAFF"])
        self.other_staff = bearer(os.environ["RA_STAFF_OTHER"])
        self.supplier = bearer(os.environ["RA_SUPPLIER"])
        self.run_id = uuid.uuid4().hex[:12]
        self.keyed_writes = []  # (method, request, metadata, response) of every_write_commits, replayed later

    # --- helpers -------------------------------------------------------------------------------------------

    def request(self, method, **fields):
        a = self.a
        kind = {
            "SetPracticeSettings": a.SetPracticeSettingsRequest, "RegisterPatient": a.RegisterPatientRequest,
            "RecordPatientCode": a.RecordPatientCodeRequest, "BatchCode": a.BatchCodeRequest,
            "RaiseSafeguardingFlag": a.SafeguardingFlagRequest, "ResolveSafeguardingFlag": a.SafeguardingFlagRequest,
            "GrantIndividualAccess": a.PatientDateRequest, "SetIndividualStartDate": a.PatientDateRequest,
            "GrantHistoricAccess": a.PatientDateRequest, "RedactEntry": a.EntryChangeRequest,
            "UnredactEntry": a.EntryChangeRequest, "ReleaseEntry": a.EntryChangeRequest, "WithdrawRelease": a.EntryChangeRequest,
        }.get(method, a.PatientChangeRequest)
        return kind(**fields)

    def call(self, method, metadata=None, **fields):
        return getattr(self.admin, method)(self.request(method, **fields), metadata=self.staff if metadata is None else metadata, timeout=10)

    def write(self, method, metadata=None, **fields):
        """A write that must commit a new event."""
        before = self.version()
        fields.setdefault("reason", f"interop {method}")
        reply = self.call(method, metadata, **fields)
        assert not reply.replayed and not reply.unchanged, f"{method}: {reply}"
        assert reply.state_version > before, f"{method}: state_version {reply.state_version} is not after {before}"
        return reply

    def key(self, name):
        return f"py-{self.run_id}-{name}"

    def register(self, ods=PRACTICE, metadata=None):
        nhs = new_nhs_number()
        self.write("RegisterPatient", metadata, nhs_number=nhs, ods=ods, date_of_birth="1980-05-05", registration_date="2010-01-01")
        return nhs

    def state(self, nhs, as_of=0, metadata=None):
        return self.admin.GetPatientState(self.a.GetPatientStateRequest(nhs_number=nhs, as_of_version=as_of),
                                          metadata=self.staff if metadata is None else metadata, timeout=10)

    def version(self):
        """The server's state version now (read through a demo patient's state)."""
        return self.state(DEMO_PATIENT).state_version

    def watch(self, from_version, metadata=None, ods="", timeout=20):
        return self.admin.WatchChanges(self.a.WatchChangesRequest(from_version=from_version, ods=ods),
                                       metadata=self.staff if metadata is None else metadata, timeout=timeout)

    @staticmethod
    def read_until(stream, version):
        """Events from the stream up to and including the first at or after version."""
        events = []
        for event in stream:
            events.append(event)
            if event.version >= version:
                return events
        raise AssertionError(f"the watch ended before version {version}: {[e.version for e in events]}")

    def evaluate(self, nhs, entry_id, min_state_version=0):
        t = self.t
        entry = t.Entry(id=entry_id, recorded_date="2024-01-02", kind=t.ENTRY_KIND_CONSULTATION, status=t.ENTRY_STATUS_FINAL)
        reply = self.gate.EvaluateEntries(self.g.EvaluateEntriesRequest(nhs_number=nhs, entries=[entry], min_state_version=min_state_version),
                                          metadata=self.supplier, timeout=10)
        return reply, [t.Reason.Name(d.reason) for d in reply.decisions]

    # --- checks --------------------------------------------------------------------------------------------

    def every_write_commits(self):
        """Every write RPC once, each with an idempotency key; versions increase and each change is in the state as of its version."""
        nhs, entry, flag = new_nhs_number(), "py-entry-1", "py-flag-1"
        settings = dict(ods=self.args.new_ods, switch_on_date="2024-04-01", opted_out=False)
        self.write("SetPracticeSettings", self.supplier, idempotency_key=self.key("settings"), **settings)
        steps = [
            ("RegisterPatient", dict(ods=PRACTICE, date_of_birth="1980-05-05", registration_date="2010-01-01"),
             lambda s: (s.ods, s.date_of_birth, s.registration_date) == (PRACTICE, "1980-05-05", "2010-01-01")),
            ("RecordPatientCode", dict(code=NOT_INDICATED, effective_date="2024-01-10"),
             lambda s: [(c.code, c.effective_date) for c in s.codes] == [(NOT_INDICATED, "2024-01-10")]),
            ("RestrictPatient", {}, lambda s: s.restricted),
            ("LiftRestriction", {}, lambda s: not s.restricted),
            ("RaiseSafeguardingFlag", dict(flag_id=flag), lambda s: list(s.safeguarding_flags) == [flag]),
            ("ResolveSafeguardingFlag", dict(flag_id=flag), lambda s: list(s.safeguarding_flags) == []),
            ("GrantIndividualAccess", dict(date="2024-02-01"), lambda s: s.individual_grant_date == "2024-02-01"),
            ("RevokeIndividualAccess", {}, lambda s: s.individual_grant_date == ""),
            ("SetIndividualStartDate", dict(date="2024-03-01"), lambda s: s.individual_start_date == "2024-03-01"),
            ("RemoveIndividualStartDate", {}, lambda s: s.individual_start_date == ""),
            ("GrantHistoricAccess", dict(date="2015-01-01"), lambda s: s.historic_from_date == "2015-01-01"),
            ("RevokeHistoricAccess", {}, lambda s: s.historic_from_date == ""),
            ("RedactEntry", dict(entry_id=entry), lambda s: list(s.redacted_entries) == [entry]),
            ("UnredactEntry", dict(entry_id=entry), lambda s: list(s.redacted_entries) == []),
            ("ReleaseEntry", dict(entry_id=entry), lambda s: list(s.released_entries) == [entry]),
            ("WithdrawRelease", dict(entry_id=entry), lambda s: list(s.released_entries) == []),
        ]
        self.keyed_writes = [("SetPracticeSettings", dict(settings, reason="interop SetPracticeSettings", idempotency_key=self.key("settings")),
                              self.supplier)]
        previous = 0
        for method, fields, holds in steps:
            fields = dict(fields, nhs_number=nhs, reason=f"interop {method}", idempotency_key=self.key(method))
            reply = self.write(method, **fields)
            assert reply.state_version > previous, f"{method}: {reply.state_version} after {previous}"
            previous = reply.state_version
            then = self.state(nhs, as_of=reply.state_version)
            assert then.state_version == reply.state_version and holds(then), f"{method}: the state as of {reply.state_version} is {then}"
            self.keyed_writes.append((method, fields, self.staff))
        last = self.state(nhs)
        assert not last.restricted and not last.safeguarding_flags and not last.redacted_entries and not last.released_entries, last

    def retry_with_key_replayed(self):
        """Each keyed write of every_write_commits sent again after all of them: its original answer, and nothing written."""
        assert len(self.keyed_writes) == 17, f"every_write_commits recorded {len(self.keyed_writes)} of 17 writes"
        before = self.version()
        for method, fields, metadata in self.keyed_writes:
            first_version = None
            for attempt in range(2):
                reply = self.call(method, metadata, **fields)
                assert reply.replayed and not reply.unchanged, f"{method} retry {attempt}: {reply}"
                assert first_version in (None, reply.state_version), f"{method}: {reply.state_version} then {first_version}"
                first_version = reply.state_version
            assert 0 < first_version <= before, f"{method}: replayed version {first_version}, state version {before}"
        assert self.version() == before, "a replay wrote an event"

    def repeat_without_key_unchanged(self):
        """A change already in effect, sent again without a key: OK, unchanged, the current version, no event."""
        nhs, entry = self.register(), "py-entry-repeat"
        cases = [
            ("RegisterPatient", dict(ods=PRACTICE, date_of_birth="1980-05-05", registration_date="2010-01-01")),
            ("RecordPatientCode", dict(code=NOT_INDICATED, effective_date="2024-01-10")),
            ("RestrictPatient", {}),
            ("RaiseSafeguardingFlag", dict(flag_id="py-flag-repeat")),
            ("GrantIndividualAccess", dict(date="2024-02-01")),
            ("SetIndividualStartDate", dict(date="2024-03-01")),
            ("GrantHistoricAccess", dict(date="2015-01-01")),
            ("RedactEntry", dict(entry_id=entry)),
            ("ReleaseEntry", dict(entry_id=entry)),
        ]
        for method, fields in cases:
            fields = dict(fields, nhs_number=nhs, reason=f"interop {method}")
            if method != "RegisterPatient":
                self.write(method, **fields)
            before = self.version()
            again = self.call(method, **fields)
            assert again.unchanged and not again.replayed and again.state_version == before, f"{method} again: {again} (state version {before})"
            assert self.version() == before, f"{method} again wrote an event"
        before = self.version()
        settings = self.call("SetPracticeSettings", ods=PRACTICE, switch_on_date="2023-10-31", opted_out=False, reason="as they are")
        assert settings.unchanged and settings.state_version == before, settings
        # With a key, a no-op is recorded as such: its replay says replayed and unchanged.
        keyed = dict(nhs_number=nhs, reason="again", idempotency_key=self.key("restrict-again"))
        first = self.call("RestrictPatient", **keyed)
        replay = self.call("RestrictPatient", **keyed)
        assert (first.unchanged, first.replayed, replay.unchanged, replay.replayed) == (True, False, True, True), (first, replay)
        assert replay.state_version == first.state_version == before, (first, replay, before)
        assert self.version() == before, "a no-op wrote an event"

    def idempotency_key_other_content_refused(self):
        nhs = self.register()
        key = self.key("conflict")
        first = self.write("RecordPatientCode", nhs_number=nhs, code=NOT_INDICATED, effective_date="2024-01-10", idempotency_key=key)
        before = self.version()
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: self.call(
            "RecordPatientCode", nhs_number=nhs, code=NOT_INDICATED, effective_date="2024-01-11", reason="r", idempotency_key=key), "idempotency_key")
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: self.call(
            "RestrictPatient", nhs_number=nhs, reason="r", idempotency_key=key), "idempotency_key")
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: self.call(
            "RecordPatientCode", self.supplier, nhs_number=nhs, code=NOT_INDICATED, effective_date="2024-01-10",
            reason="interop RecordPatientCode", idempotency_key=key), "idempotency_key")
        assert self.version() == before, "a refused write wrote an event"
        now = self.state(nhs)
        assert [c.effective_date for c in now.codes] == ["2024-01-10"] and not now.restricted, now
        replay = self.call("RecordPatientCode", nhs_number=nhs, code=NOT_INDICATED, effective_date="2024-01-10",
                           reason="interop RecordPatientCode", idempotency_key=key)
        assert replay.replayed and replay.state_version == first.state_version, replay

    def batch_code_dry_run(self):
        patients = [self.register() for _ in range(3)]
        before = self.version()
        dry = self.call("BatchCode", ods=PRACTICE, code=DECLINED, effective_date="2024-06-01", nhs_numbers=patients,
                        dry_run=True, reason="dry run")
        assert (dry.dry_run, dry.state_version, dry.replayed) == (True, 0, False), dry
        assert (dry.patients_changed, dry.patients_unchanged, dry.lose_access_today, dry.gain_access_today) == (3, 0, 3, 0), dry
        assert self.version() == before, "a dry run wrote events"
        assert all(not self.state(p).codes for p in patients), "a dry run recorded codes"

    def batch_code_commits_and_replays(self):
        patients = [self.register() for _ in range(3)]
        key = self.key("batch")
        batch = dict(ods=PRACTICE, code=DECLINED, effective_date="2024-06-01", nhs_numbers=patients, reason="batch", idempotency_key=key)
        before = self.version()
        committed = self.call("BatchCode", **batch)
        assert not committed.dry_run and not committed.replayed and committed.state_version == before + 3, (committed, before)
        assert (committed.patients_changed, committed.patients_unchanged, committed.lose_access_today) == (3, 0, 3), committed
        for nhs in patients:
            assert [(c.code, c.effective_date) for c in self.state(nhs).codes] == [(DECLINED, "2024-06-01")], nhs
        replay = self.call("BatchCode", **batch)
        assert replay.replayed and replay.state_version == committed.state_version, replay
        assert self.version() == committed.state_version, "the replay wrote events"
        # Without the key: every patient already has the code on that date.
        again = self.call("BatchCode", **dict(batch, idempotency_key=""))
        assert (again.patients_changed, again.patients_unchanged, again.replayed) == (0, 3, False), again
        assert self.version() == committed.state_version, "a batch that changes nothing wrote events"
        expect_error(grpc.StatusCode.FAILED_PRECONDITION,
                     lambda: self.call("BatchCode", **dict(batch, effective_date="2024-06-02")), "idempotency_key")

    def batch_code_invalid_row(self):
        valid = self.register()
        rows = [valid, BAD_CHECK_DIGIT]
        batch = dict(ods=PRACTICE, code=NOT_INDICATED, effective_date="2024-06-01", nhs_numbers=rows, reason="batch")
        before = self.version()
        expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: self.call("BatchCode", **batch), ["nhs_numbers", "row 2", "skip_invalid"])
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: self.call("BatchCode", **dict(batch, nhs_numbers=[valid, UNKNOWN_PATIENT])),
                     "nhs_numbers")
        assert self.version() == before and not self.state(valid).codes, "a refused batch committed"
        skipped = self.call("BatchCode", **dict(batch, skip_invalid=True))
        assert skipped.patients_changed == 1 and skipped.state_version > before, skipped
        assert [(r.row, r.nhs_number) for r in skipped.invalid_rows] == [(2, BAD_CHECK_DIGIT)] and skipped.invalid_rows[0].message, skipped
        assert [c.code for c in self.state(valid).codes] == [NOT_INDICATED]

    def error_invalid_argument_names_field(self):
        nhs = self.register()
        before = self.version()
        invalid = grpc.StatusCode.INVALID_ARGUMENT
        registration = dict(nhs_number=new_nhs_number(), ods=PRACTICE, date_of_birth="1980-05-05", registration_date="2010-01-01")
        expect_error(invalid, lambda: self.call("RegisterPatient", **dict(registration, nhs_number=BAD_CHECK_DIGIT)), "nhs_number")
        expect_error(invalid, lambda: self.call("RestrictPatient", nhs_number="12345", reason="r"), "nhs_number")
        expect_error(invalid, lambda: self.call("RegisterPatient", **dict(registration, ods="a81001")), "ods")
        expect_error(invalid, lambda: self.call("SetPracticeSettings", ods="A8100", switch_on_date="2023-10-31", reason="r"), "ods")
        expect_error(invalid, lambda: self.call("RegisterPatient", **dict(registration, date_of_birth="05/05/1980")), "date_of_birth")
        expect_error(invalid, lambda: self.call("RegisterPatient", **dict(registration, registration_date="2010-02-30")), "registration_date")
        expect_error(invalid, lambda: self.call("SetPracticeSettings", ods=PRACTICE, switch_on_date="2099-01-01", reason="r"), "switch_on_date")
        expect_error(invalid, lambda: self.call("RecordPatientCode", nhs_number=nhs, code=NOT_INDICATED, effective_date="2024-13-01", reason="r"),
                     "effective_date")
        expect_error(invalid, lambda: self.call("RecordPatientCode", nhs_number=nhs, code="123456", effective_date="2024-01-10", reason="r"), "code")
        expect_error(invalid, lambda: self.call("GrantIndividualAccess", nhs_number=nhs, date="2099-01-01", reason="r"), "date")
        expect_error(invalid, lambda: self.call("GrantHistoricAccess", nhs_number=nhs, date="1899-12-31", reason="r"), "date")
        expect_error(invalid, lambda: self.call("RestrictPatient", nhs_number=nhs, reason=""), "reason")
        expect_error(invalid, lambda: self.call("SetPracticeSettings", ods=PRACTICE, switch_on_date="2023-10-31", reason=" "), "reason")
        expect_error(invalid, lambda: self.call("RedactEntry", nhs_number=nhs, entry_id="", reason="r"), "entry_id")
        expect_error(invalid, lambda: self.call("RaiseSafeguardingFlag", nhs_number=nhs, flag_id=" padded", reason="r"), "flag_id")
        expect_error(invalid, lambda: self.call("RestrictPatient", nhs_number=nhs, reason="r", idempotency_key="x" * 129), "idempotency_key")
        expect_error(invalid, lambda: self.call("BatchCode", ods=PRACTICE, code=NOT_INDICATED, effective_date="2024-01-10",
                                                nhs_numbers=[nhs], reason=""), "reason")
        expect_error(invalid, lambda: self.state("943476591"), "nhs_number")
        expect_error(invalid, lambda: list(self.watch(0, ods="bad", timeout=5)), "ods")
        assert self.version() == before, "a refused write wrote an event"
        assert not self.state(nhs).restricted

    def error_failed_precondition(self):
        precondition = grpc.StatusCode.FAILED_PRECONDITION
        # An unknown patient is NOT_FOUND, exactly as another practice's (decision 0090).
        not_found = grpc.StatusCode.NOT_FOUND
        expect_error(not_found, lambda: self.call("RestrictPatient", nhs_number=UNKNOWN_PATIENT, reason="r"), "nhs_number")
        expect_error(not_found, lambda: self.call("RecordPatientCode", nhs_number=UNKNOWN_PATIENT, code=NOT_INDICATED,
                                                  effective_date="2024-01-10", reason="r"), "nhs_number")
        expect_error(not_found, lambda: self.state(UNKNOWN_PATIENT), "nhs_number")
        nhs = self.register()
        self.write("GrantIndividualAccess", nhs_number=nhs, date="2024-02-01")
        self.write("GrantHistoricAccess", nhs_number=nhs, date="2015-01-01")
        before = self.version()
        expect_error(precondition, lambda: self.call("LiftRestriction", nhs_number=nhs, reason="r"))
        expect_error(precondition, lambda: self.call("ResolveSafeguardingFlag", nhs_number=nhs, flag_id="never-raised", reason="r"), "flag_id")
        expect_error(precondition, lambda: self.call("UnredactEntry", nhs_number=nhs, entry_id="never-redacted", reason="r"), "entry_id")
        expect_error(precondition, lambda: self.call("WithdrawRelease", nhs_number=nhs, entry_id="never-released", reason="r"), "entry_id")
        expect_error(precondition, lambda: self.call("RemoveIndividualStartDate", nhs_number=nhs, reason="r"))
        # Decision A8: a grant or historic access of another date is refused; revoke it first.
        expect_error(precondition, lambda: self.call("GrantIndividualAccess", nhs_number=nhs, date="2024-02-02", reason="r"), "date")
        expect_error(precondition, lambda: self.call("GrantHistoricAccess", nhs_number=nhs, date="2016-01-01", reason="r"), "date")
        expect_error(precondition, lambda: self.state(nhs, as_of=2 ** 63), "as_of_version")
        assert self.version() == before, "a refused write wrote an event"
        self.write("RevokeIndividualAccess", nhs_number=nhs)
        self.write("RevokeHistoricAccess", nhs_number=nhs)
        expect_error(precondition, lambda: self.call("RevokeIndividualAccess", nhs_number=nhs, reason="r"))
        expect_error(precondition, lambda: self.call("RevokeHistoricAccess", nhs_number=nhs, reason="r"))

    def error_permission_denied(self):
        nhs = self.register()
        before = self.version()
        denied = grpc.StatusCode.PERMISSION_DENIED
        # Another practice's patient is NOT_FOUND, as an unknown one is, and no practice is named (decision 0090).
        unknown = "nhs_number: no patient with this NHS number"
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: self.call("RestrictPatient", self.other_staff, nhs_number=nhs, reason="r"), unknown)
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: self.call("RedactEntry", self.other_staff, nhs_number=nhs, entry_id="e1", reason="r"), unknown)
        expect_error(denied, lambda: self.call("RegisterPatient", self.other_staff, nhs_number=new_nhs_number(), ods=PRACTICE,
                                               date_of_birth="1980-05-05", registration_date="2010-01-01"), PRACTICE)
        # Moving a patient needs the practice the patient leaves too (decision A2).
        expect_error(denied, lambda: self.call("RegisterPatient", self.other_staff, nhs_number=nhs, ods=OTHER_PRACTICE,
                                               date_of_birth="1980-05-05", registration_date="2024-01-01"), "nhs_number")
        expect_error(denied, lambda: self.call("SetPracticeSettings", self.other_staff, ods=PRACTICE, switch_on_date="2023-10-31", reason="r"), PRACTICE)
        expect_error(denied, lambda: self.call("BatchCode", self.other_staff, ods=PRACTICE, code=NOT_INDICATED, effective_date="2024-01-10",
                                               nhs_numbers=[nhs], reason="r"), PRACTICE)
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: self.state(nhs, metadata=self.other_staff), unknown)
        expect_error(denied, lambda: list(self.watch(0, self.other_staff, ods=PRACTICE, timeout=5)), PRACTICE)
        assert self.version() == before, "a refused write wrote an event"
        now = self.state(nhs)
        assert now.ods == PRACTICE and not now.restricted, now

    def error_unauthenticated(self):
        nhs = self.register()
        before = self.version()
        for metadata in ([], bearer("not-a-token")):
            expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: self.call("RestrictPatient", metadata, nhs_number=nhs, reason="r"))
            expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: self.call("SetPracticeSettings", metadata, ods=PRACTICE,
                                                                             switch_on_date="2023-10-31", reason="r"))
            expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: self.state(nhs, metadata=metadata))
            expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: list(self.watch(0, metadata, timeout=5)))
        assert self.version() == before and not self.state(nhs).restricted

    def get_patient_state_now_and_as_of(self):
        nhs = new_nhs_number()
        registered = self.write("RegisterPatient", nhs_number=nhs, ods=PRACTICE, date_of_birth="1980-05-05", registration_date="2010-01-01")
        restricted = self.write("RestrictPatient", nhs_number=nhs)
        flagged = self.write("RaiseSafeguardingFlag", nhs_number=nhs, flag_id="py-flag-asof")
        now = self.state(nhs)
        assert (now.nhs_number, now.ods, now.date_of_birth, now.registration_date) == (nhs, PRACTICE, "1980-05-05", "2010-01-01"), now
        assert now.restricted and list(now.safeguarding_flags) == ["py-flag-asof"] and now.state_version >= flagged.state_version, now
        before_restriction = self.state(nhs, as_of=restricted.state_version - 1)
        assert before_restriction.state_version == restricted.state_version - 1, before_restriction
        assert not before_restriction.restricted and not before_restriction.safeguarding_flags, before_restriction
        at_restriction = self.state(nhs, as_of=restricted.state_version)
        assert at_restriction.restricted and not at_restriction.safeguarding_flags, at_restriction
        # Before the registration the patient was not there.
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: self.state(nhs, as_of=registered.state_version - 1), "nhs_number")
        # A supplier serving the practice reads it too.
        assert self.state(nhs, metadata=self.supplier).restricted

    def watch_changes_from_version(self):
        """Events after a version, with the actor, only of the caller's practice; then live events."""
        start = self.version()
        nhs = self.register()
        self.write("RestrictPatient", nhs_number=nhs, reason="risk")
        other = self.register(ods=OTHER_PRACTICE, metadata=self.other_staff)  # not the watcher's practice
        redacted = self.write("RedactEntry", nhs_number=nhs, entry_id="py-watch-entry", reason="third party")
        stream = self.watch(start)
        try:
            events = self.read_until(stream, redacted.state_version)
            assert [(e.kind, e.nhs_number) for e in events] == [
                ("PatientRegistered", nhs), ("PatientRestricted", nhs), ("EntryRedacted", nhs)], events
            assert all(e.ods == PRACTICE and e.version > start and e.nhs_number != other for e in events), events
            versions = [e.version for e in events]
            assert versions == sorted(versions) and len(set(versions)) == 3, versions
            registered, restricted, redaction = events
            assert (registered.date_of_birth, registered.date) == ("1980-05-05", "2010-01-01"), registered
            assert (restricted.reason, redaction.entry_id, redaction.reason) == ("risk", "py-watch-entry", "third party"), events
            for e in events:
                assert (e.actor.kind, e.actor.id, e.actor.ods, e.actor.role) == ("staff", self.args.staff_id, PRACTICE, "R8000"), e.actor
                assert e.recorded_at.seconds > 0, e
            # A change committed while the watch is open arrives on it.
            lifted = self.write("LiftRestriction", nhs_number=nhs, reason="reviewed")
            live = self.read_until(stream, lifted.state_version)
            assert [(e.kind, e.version, e.reason) for e in live] == [("PatientRestrictionLifted", lifted.state_version, "reviewed")], live
        finally:
            stream.cancel()

    def watch_changes_ods_filter(self):
        """A supplier serving two practices: every event without a filter, one practice's with one."""
        start = self.version()
        nhs = self.register(metadata=self.supplier)
        self.write("SetPracticeSettings", self.supplier, ods=self.args.new_ods, switch_on_date="2024-05-01", opted_out=True)
        newcomer = new_nhs_number()
        arrived = self.write("RegisterPatient", self.supplier, nhs_number=newcomer, ods=self.args.new_ods,
                             date_of_birth="1990-01-01", registration_date="2024-05-01")
        restricted = self.write("RestrictPatient", self.supplier, nhs_number=nhs)
        expected = {
            "": [("PatientRegistered", PRACTICE), ("PracticeSettingsChanged", self.args.new_ods),
                 ("PatientRegistered", self.args.new_ods), ("PatientRestricted", PRACTICE)],
            self.args.new_ods: [("PracticeSettingsChanged", self.args.new_ods), ("PatientRegistered", self.args.new_ods)],
            PRACTICE: [("PatientRegistered", PRACTICE), ("PatientRestricted", PRACTICE)],
        }
        for ods, want in expected.items():
            stream = self.watch(start, self.supplier, ods=ods)
            try:
                last = arrived.state_version if ods == self.args.new_ods else restricted.state_version
                events = self.read_until(stream, last)
            finally:
                stream.cancel()
            assert [(e.kind, e.ods) for e in events] == want, (ods, events)
            assert all((e.actor.kind, e.actor.id, e.actor.ods) == ("supplier", self.args.supplier_id, "") for e in events), events
            for e in events:
                if e.kind == "PracticeSettingsChanged":
                    assert (e.date, e.opted_out, e.nhs_number) == ("2024-05-01", True, ""), e
                elif e.ods == self.args.new_ods:
                    assert e.nhs_number == newcomer, e

    def watch_changes_client_cancel(self):
        """The client cancels an open watch; the server keeps serving, also a new watch from the same version."""
        start = self.version()
        nhs = self.register()
        stream = self.watch(start, timeout=30)
        first = next(stream)
        assert (first.kind, first.nhs_number) == ("PatientRegistered", nhs), first
        stream.cancel()
        expect_error(grpc.StatusCode.CANCELLED, lambda: next(stream))
        assert stream.cancelled() or stream.code() == grpc.StatusCode.CANCELLED
        restricted = self.write("RestrictPatient", nhs_number=nhs)
        assert self.state(nhs).restricted
        again = self.watch(start)
        try:
            events = self.read_until(again, restricted.state_version)
        finally:
            again.cancel()
        assert [(e.kind, e.nhs_number) for e in events] == [("PatientRegistered", nhs), ("PatientRestricted", nhs)], events

    def read_your_writes(self):
        """A withholding write's version as the gate's min_state_version: the gate answers with the change in force."""
        nhs = self.register()
        _, reasons = self.evaluate(nhs, "py-ryw-entry")
        assert reasons == ["REASON_VISIBLE"], reasons
        redacted = self.write("RedactEntry", nhs_number=nhs, entry_id="py-ryw-entry", reason="third party")
        reply, reasons = self.evaluate(nhs, "py-ryw-entry", min_state_version=redacted.state_version)
        assert reasons == ["REASON_ENTRY_REDACTED"] and reply.state_version >= redacted.state_version, reply
        restricted = self.write("RestrictPatient", nhs_number=nhs)
        reply, reasons = self.evaluate(nhs, "py-other-entry", min_state_version=restricted.state_version)
        assert reasons == ["REASON_RESTRICTED_RISK_OF_HARM"] and reply.state_version >= restricted.state_version, reply

    def still_serving(self):
        assert list(self.state(DEMO_PATIENT).redacted_entries) == ["demo-letter-third-party"]

    def run(self):
        checks = [self.every_write_commits, self.retry_with_key_replayed, self.repeat_without_key_unchanged,
                  self.idempotency_key_other_content_refused, self.batch_code_dry_run, self.batch_code_commits_and_replays,
                  self.batch_code_invalid_row, self.error_invalid_argument_names_field, self.error_failed_precondition,
                  self.error_permission_denied, self.error_unauthenticated, self.get_patient_state_now_and_as_of,
                  self.watch_changes_from_version, self.watch_changes_ods_filter, self.watch_changes_client_cancel,
                  self.read_your_writes, self.still_serving]
        try:
            return run_checks(checks)
        finally:
            self.channel.close()


if __name__ == "__main__":
    sys.exit(main())
