#!/usr/bin/python3
"""Drives every recordaccess.v1.RecordAccessGate RPC with Google's own gRPC client (Debian's python3-grpcio).

Run by tests/RecordAccess.Server.Tests/Interop/PythonGateInteropTests.cs against real Kestrel with the demo data:
    /usr/bin/python3 gate_client.py --target 127.0.0.1:PORT --protos DIR \
        --cancel-key KEY --deadline-key KEY --max-message BYTES --max-entries N [--group evaluate|access]
Tokens come from the environment (minted by the test host's development issuer):
    RA_TOKEN                 supplier, scopes gate.evaluate gate.admin, serves A81001
    RA_TOKEN_EVALUATE_ONLY   supplier, scope gate.evaluate, serves A81001
Prints "ok <check>" or "FAIL <check>: why" per check; exits 0 only if every check passed.
"""
import argparse
import os
import queue
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gate_common import Stubs, bearer, expect_error, grpc, open_channel, run_checks  # noqa: E402

# DemoData (src/RecordAccess.Server/Policy/DemoData.cs): A81001 switched on 2023-10-31.
VISIBLE_PATIENT = "9434765919"      # registered 2010-01-01, historic access from 2015-01-01, entry demo-letter-third-party redacted
RESTRICTED_PATIENT = "9434765951"   # RestrictedRiskOfHarm
OTHER_PRACTICE_PATIENT = "9434765986"  # at A81002, which the token does not serve
UNKNOWN_PATIENT = "9434766028"      # a valid NHS number nobody registered
BAD_CHECK_DIGIT = "9434765918"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--protos", required=True)
    parser.add_argument("--cancel-key", required=True)
    parser.add_argument("--deadline-key", required=True)
    parser.add_argument("--max-message", type=int, required=True)
    parser.add_argument("--max-entries", type=int, required=True)
    parser.add_argument("--group", choices=("evaluate", "access"), default="evaluate",
                        help="evaluate: EvaluateEntries and StreamEvaluate; access: GetPatientAccess and ExplainEntry")
    args = parser.parse_args()
    stubs = Stubs(args.protos)
    try:
        return GateChecks(args, stubs).run()
    finally:
        stubs.close()


class GateChecks:
    def __init__(self, args, stubs):
        self.args = args
        self.t = stubs.types_pb2
        self.g = stubs.gate_pb2
        self.channel = open_channel(args.target)
        self.gate = stubs.gate_pb2_grpc.RecordAccessGateStub(self.channel)
        self.auth = bearer(os.environ["RA_TOKEN"])
        self.evaluate_only = bearer(os.environ["RA_TOKEN_EVALUATE_ONLY"])

    # --- helpers -------------------------------------------------------------------------------------------

    def entry(self, id, recorded="2024-01-02", kind=None, status=None, parent=None, labels=(), redacted=False, released=False):
        t = self.t
        e = t.Entry(id=id, recorded_date=recorded,
                    kind=t.ENTRY_KIND_CONSULTATION if kind is None else kind,
                    status=t.ENTRY_STATUS_FINAL if status is None else status,
                    labels=list(labels), redacted=redacted, released=released)
        if parent is not None:
            e.parent_id.value = parent  # sets the wrapper: present, even when parent == ""
        return e

    def mixed_record(self):
        """Entries in a deliberately unsorted id order, with the reason each must get (rules 0, 8-12, and Visible)."""
        t = self.t
        return [
            (self.entry("z-consult"), t.REASON_VISIBLE),
            (self.entry("a-draft", kind=t.ENTRY_KIND_DOCUMENT, status=t.ENTRY_STATUS_DRAFT), t.REASON_NOT_FINAL),
            (self.entry("m-old", recorded="2014-06-01"), t.REASON_BEFORE_ACCESS_START),
            (self.entry("h-historic", recorded="2016-05-01", kind=t.ENTRY_KIND_TEST_RESULT), t.REASON_VISIBLE),
            (self.entry("demo-letter-third-party", recorded="2024-02-01", kind=t.ENTRY_KIND_DOCUMENT), t.REASON_ENTRY_REDACTED),
            (self.entry("b-flagged", redacted=True), t.REASON_ENTRY_REDACTED),
            (self.entry("c-label", kind=t.ENTRY_KIND_DOCUMENT, labels=["R"]), t.REASON_ENTRY_SENSITIVE),
            (self.entry("d-released", labels=["R"], released=True), t.REASON_VISIBLE),
            (self.entry("e-child", kind=t.ENTRY_KIND_CODED, parent="c-label"), t.REASON_PARENT_WITHHELD),
            (self.entry("f-empty-parent", kind=t.ENTRY_KIND_CODED, parent=""), t.REASON_DECISION_UNAVAILABLE),
            (self.entry("g-unknown-kind", kind=t.ENTRY_KIND_UNSPECIFIED), t.REASON_DECISION_UNAVAILABLE),
            (self.entry("k-child-of-visible", kind=t.ENTRY_KIND_MEDICATION, parent="z-consult"), t.REASON_VISIBLE),
        ]

    def evaluate(self, nhs, entries, metadata=None, **kwargs):
        return self.gate.EvaluateEntries(self.g.EvaluateEntriesRequest(nhs_number=nhs, entries=entries, **kwargs),
                                         metadata=self.auth if metadata is None else metadata, timeout=10)

    def reason_name(self, value):
        return self.t.Reason.Name(value)

    def assert_decisions(self, decisions, expected):
        got = [(d.entry_id, self.reason_name(d.reason), d.visible) for d in decisions]
        want = [(e.id, self.reason_name(r), r == self.t.REASON_VISIBLE) for e, r in expected]
        assert got == want, f"\n got  {got}\n want {want}"

    @staticmethod
    def assert_answer_ids(decision_id, state_version, rule_set_version):
        assert str(uuid.UUID(decision_id)) == decision_id.lower(), decision_id
        assert state_version > 0, state_version
        assert rule_set_version, "rule_set_version is empty"

    def chunk(self, request_id, entries=(), nhs="", last=False, min_state_version=0):
        return self.g.StreamEvaluateRequest(request_id=request_id, nhs_number=nhs, entries=list(entries), last=last,
                                            min_state_version=min_state_version)

    def open_stream(self, timeout=20, metadata=None):
        requests = queue.Queue()
        replies = self.gate.StreamEvaluate(iter(requests.get, None), metadata=self.auth if metadata is None else metadata, timeout=timeout)
        return requests, replies

    def read_record(self, replies, request_id):
        """The answer chunks of one record: returns (decisions, final chunk, number of chunks)."""
        decisions, chunks = [], 0
        while True:
            reply = next(replies)
            assert reply.request_id == request_id, f"expected an answer for {request_id!r}, got one for {reply.request_id!r}"
            chunks += 1
            decisions.extend(reply.decisions)
            if reply.last:
                return decisions, reply, chunks
            assert reply.decision_id == "" and reply.state_version == 0, f"decision id or version on a non-final chunk: {reply}"

    # --- checks --------------------------------------------------------------------------------------------

    def evaluate_entries_in_request_order(self):
        record = self.mixed_record()
        reply = self.evaluate(VISIBLE_PATIENT, [e for e, _ in record])
        self.assert_decisions(reply.decisions, record)
        self.assert_answer_ids(reply.decision_id, reply.state_version, reply.rule_set_version)
        again = self.evaluate(VISIBLE_PATIENT, [e for e, _ in record])
        assert again.decision_id != reply.decision_id, "two requests share a decision id"
        assert again.state_version == reply.state_version, (again.state_version, reply.state_version)

    def evaluate_patient_level_rule(self):
        record = [e for e, _ in self.mixed_record()]
        reply = self.evaluate(RESTRICTED_PATIENT, record)
        reasons = {d.entry_id: self.reason_name(d.reason) for d in reply.decisions}
        # Rule 0 (entry-level input) comes before the patient rules; everything else is withheld by rule 6.
        invalid = {"f-empty-parent", "g-unknown-kind"}
        assert all(reasons[i] == "REASON_DECISION_UNAVAILABLE" for i in invalid), reasons
        assert all(r == "REASON_RESTRICTED_RISK_OF_HARM" for i, r in reasons.items() if i not in invalid), reasons
        assert not any(d.visible for d in reply.decisions)

    def evaluate_min_state_version_reached(self):
        first = self.evaluate(VISIBLE_PATIENT, [self.entry("v1")])
        reply = self.evaluate(VISIBLE_PATIENT, [self.entry("v1")], min_state_version=first.state_version)
        assert reply.state_version >= first.state_version
        assert [self.reason_name(d.reason) for d in reply.decisions] == ["REASON_VISIBLE"], reply

    def stream_several_records_interleaved(self):
        t = self.t
        requests, replies = self.open_stream()
        try:
            a = [(self.entry("a1", kind=t.ENTRY_KIND_DOCUMENT, labels=["V"]), t.REASON_ENTRY_SENSITIVE),
                 (self.entry("a2"), t.REASON_VISIBLE),
                 (self.entry("a3", kind=t.ENTRY_KIND_CODED, parent="a1"), t.REASON_PARENT_WITHHELD),
                 (self.entry("a4", kind=t.ENTRY_KIND_CODED, parent="a2"), t.REASON_VISIBLE),
                 (self.entry("a5", kind=t.ENTRY_KIND_CODED, parent="a3"), t.REASON_PARENT_WITHHELD)]
            b = [(self.entry("b1"), t.REASON_RESTRICTED_RISK_OF_HARM),
                 (self.entry("b2", kind=t.ENTRY_KIND_CODED, parent="b1"), t.REASON_RESTRICTED_RISK_OF_HARM)]
            # Chunks of two records interleaved; parents of A's later chunks are in its first chunk.
            requests.put(self.chunk("rec-A", [e for e, _ in a[:2]], nhs=VISIBLE_PATIENT))
            requests.put(self.chunk("rec-B", [b[0][0]], nhs=RESTRICTED_PATIENT))
            requests.put(self.chunk("rec-A", [e for e, _ in a[2:4]], nhs=VISIBLE_PATIENT))
            requests.put(self.chunk("rec-A", [a[4][0]], last=True))
            # A is answered as soon as it is complete, while B is still open on the same stream.
            decisions, final, _ = self.read_record(replies, "rec-A")
            self.assert_decisions(decisions, a)
            self.assert_answer_ids(final.decision_id, final.state_version, final.rule_set_version)
            requests.put(self.chunk("rec-B", [b[1][0]], last=True))
            decisions, final_b, _ = self.read_record(replies, "rec-B")
            self.assert_decisions(decisions, b)
            assert final_b.decision_id != final.decision_id
            # The same record sent unary is answered the same.
            unary = self.evaluate(VISIBLE_PATIENT, [e for e, _ in a])
            self.assert_decisions(unary.decisions, a)
            # A request_id may be used again once its record is answered.
            requests.put(self.chunk("rec-A", [self.entry("again")], nhs=VISIBLE_PATIENT, last=True))
            decisions, _, _ = self.read_record(replies, "rec-A")
            self.assert_decisions(decisions, [(self.entry("again"), t.REASON_VISIBLE)])
        finally:
            requests.put(None)
        rest = list(replies)
        assert rest == [], rest
        assert replies.code() == grpc.StatusCode.OK, replies.code()

    def stream_large_record_in_chunks(self):
        t = self.t
        size, per_chunk = 4500, 500
        entries = [self.entry(f"n{i:05d}", kind=t.ENTRY_KIND_CODED, parent=(f"n{i - per_chunk:05d}" if i >= per_chunk else None))
                   for i in range(size)]
        entries[7] = self.entry("n00007", labels=["NOPAT"])  # its descendants in later chunks are ParentWithheld
        withheld = {f"n{i:05d}" for i in range(7, size, per_chunk)}
        requests, replies = self.open_stream(timeout=30)
        try:
            for start in range(0, size, per_chunk):
                requests.put(self.chunk("big", entries[start:start + per_chunk], nhs=VISIBLE_PATIENT if start == 0 else "",
                                        last=start + per_chunk >= size))
            decisions, final, chunks = self.read_record(replies, "big")
        finally:
            requests.put(None)
        assert list(replies) == []
        assert chunks >= 3, f"{size} decisions came in {chunks} chunks"
        assert [d.entry_id for d in decisions] == [e.id for e in entries], "decisions are not in request order"
        for d in decisions:
            want = ("REASON_ENTRY_SENSITIVE" if d.entry_id == "n00007" else
                    "REASON_PARENT_WITHHELD" if d.entry_id in withheld else "REASON_VISIBLE")
            assert self.reason_name(d.reason) == want, (d.entry_id, self.reason_name(d.reason), want)
        self.assert_answer_ids(final.decision_id, final.state_version, final.rule_set_version)

    def get_patient_access(self):
        t = self.t
        reply = self.gate.GetPatientAccess(self.g.GetPatientAccessRequest(nhs_number=VISIBLE_PATIENT), metadata=self.auth, timeout=10)
        assert (reply.access_available, self.reason_name(reply.reason), reply.access_start_date, reply.historic_from_date) == \
            (True, "REASON_VISIBLE", "2023-10-31", "2015-01-01"), reply
        self.assert_answer_ids(reply.decision_id, reply.state_version, reply.rule_set_version)
        restricted = self.gate.GetPatientAccess(self.g.GetPatientAccessRequest(nhs_number=RESTRICTED_PATIENT), metadata=self.auth, timeout=10)
        assert (restricted.access_available, restricted.reason) == (False, t.REASON_RESTRICTED_RISK_OF_HARM), restricted

    def explain_entry(self):
        t = self.t
        entries = [e for e, _ in self.mixed_record()]
        reply = self.gate.ExplainEntry(self.g.ExplainEntryRequest(nhs_number=VISIBLE_PATIENT, entries=entries, entry_id="e-child"),
                                       metadata=self.auth, timeout=10)
        assert (reply.decision.entry_id, reply.decision.reason, reply.decision.visible) == ("e-child", t.REASON_PARENT_WITHHELD, False), reply.decision
        assert list(reply.withheld_ancestors) == ["c-label"], reply.withheld_ancestors
        rules = [c.rule for c in reply.checks]
        assert rules == sorted(rules) and rules, rules
        first = next(c for c in reply.checks if c.applies)
        assert first.reason == reply.decision.reason, (first, reply.decision)
        assert reply.evaluation_date, "evaluation_date is empty"
        self.assert_answer_ids(reply.decision_id, reply.state_version, reply.rule_set_version)
        what_if = self.gate.ExplainEntry(self.g.ExplainEntryRequest(nhs_number=VISIBLE_PATIENT, entries=entries, entry_id="z-consult",
                                                                    evaluation_date="2024-06-01"), metadata=self.auth, timeout=10)
        assert (what_if.decision.reason, what_if.evaluation_date) == (t.REASON_VISIBLE, "2024-06-01"), what_if

    def error_invalid_argument_names_field(self):
        expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: self.evaluate(BAD_CHECK_DIGIT, [self.entry("e1")]), "nhs_number")

        def empty_request_id():
            requests, replies = self.open_stream()
            requests.put(self.chunk("", [self.entry("e1")], nhs=VISIBLE_PATIENT, last=True))
            requests.put(None)
            list(replies)

        expect_error(grpc.StatusCode.INVALID_ARGUMENT, empty_request_id, "request_id")

    def error_unauthenticated(self):
        expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: self.evaluate(VISIBLE_PATIENT, [self.entry("e1")], metadata=[]))
        expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: self.evaluate(VISIBLE_PATIENT, [self.entry("e1")], metadata=bearer("not-a-token")))

        def stream_without_token():
            requests, replies = self.open_stream(metadata=[])
            requests.put(self.chunk("r", [self.entry("e1")], nhs=VISIBLE_PATIENT, last=True))
            requests.put(None)
            list(replies)

        expect_error(grpc.StatusCode.UNAUTHENTICATED, stream_without_token)

    def error_permission_denied(self):
        # A patient of a practice the caller does not serve is refused as an unknown one is: NOT_FOUND, no practice named (decision 0090).
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: self.evaluate(OTHER_PRACTICE_PATIENT, [self.entry("e1")]), "nhs_number: no patient with this NHS number")

        # On a stream, the refused record is answered with its error and the stream carries on.
        requests, replies = self.open_stream()
        requests.put(self.chunk("other", [self.entry("e1")], nhs=OTHER_PRACTICE_PATIENT, last=True))
        requests.put(self.chunk("mine", [self.entry("m1")], nhs=VISIBLE_PATIENT, last=True))
        requests.put(None)
        answers = list(replies)
        refused = [a for a in answers if a.request_id == "other"]
        assert len(refused) == 1 and refused[0].error.code == grpc.StatusCode.NOT_FOUND.value[0], answers
        assert "nhs_number" in refused[0].error.message and "A81002" not in refused[0].error.message and not refused[0].decisions, refused
        assert [d.entry_id for a in answers if a.request_id == "mine" for d in a.decisions] == ["m1"], answers

    def error_failed_precondition(self):
        started = time.monotonic()
        expect_error(grpc.StatusCode.FAILED_PRECONDITION,
                     lambda: self.evaluate(VISIBLE_PATIENT, [self.entry("e1")], min_state_version=2 ** 63 - 1), "min_state_version")
        assert time.monotonic() - started < 5, "the wait for a state version far ahead was not short"
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: self.evaluate(UNKNOWN_PATIENT, [self.entry("e1")]), "nhs_number")

    def get_patient_access_errors(self):
        def access(nhs, metadata=None, **kwargs):
            return self.gate.GetPatientAccess(self.g.GetPatientAccessRequest(nhs_number=nhs, **kwargs),
                                              metadata=self.auth if metadata is None else metadata, timeout=10)

        expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: access("12345"), "nhs_number")
        expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: access(VISIBLE_PATIENT, metadata=[]))
        # Another practice's patient and an unknown one: the same NOT_FOUND, naming no practice (decision 0090).
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: access(OTHER_PRACTICE_PATIENT), "nhs_number: no patient with this NHS number")
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: access(UNKNOWN_PATIENT), "nhs_number: no patient with this NHS number")
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: access(VISIBLE_PATIENT, min_state_version=2 ** 64 - 1), "min_state_version")

    def explain_entry_errors(self):
        def explain(entry_id, metadata=None, nhs=VISIBLE_PATIENT, **kwargs):
            return self.gate.ExplainEntry(self.g.ExplainEntryRequest(nhs_number=nhs, entries=[self.entry("e1")], entry_id=entry_id, **kwargs),
                                          metadata=self.auth if metadata is None else metadata, timeout=10)

        expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: explain("not-sent"), "entry_id")
        expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: explain("e1", evaluation_date="15/10/2024"), "evaluation_date")
        expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: explain("e1", metadata=[]))
        # ExplainEntry needs gate.admin (or staff of the practice).
        expect_error(grpc.StatusCode.PERMISSION_DENIED, lambda: explain("e1", metadata=self.evaluate_only))
        expect_error(grpc.StatusCode.NOT_FOUND, lambda: explain("e1", nhs=OTHER_PRACTICE_PATIENT), "nhs_number")

    def stream_deadline(self):
        probe = self.auth + [("x-interop-probe", self.args.deadline_key)]
        requests, replies = self.open_stream(timeout=0.5, metadata=probe)
        started = time.monotonic()
        try:
            requests.put(self.chunk("slow", [self.entry("e1")], nhs=VISIBLE_PATIENT))  # never completed
            expect_error(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: list(replies))
        finally:
            requests.put(None)
        assert time.monotonic() - started < 5, time.monotonic() - started

    def stream_client_cancellation(self):
        probe = self.auth + [("x-interop-probe", self.args.cancel_key)]
        requests, replies = self.open_stream(timeout=30, metadata=probe)
        try:
            requests.put(self.chunk("done", [self.entry("e1")], nhs=VISIBLE_PATIENT, last=True))
            self.read_record(replies, "done")  # the stream is live and answering
            requests.put(self.chunk("open", [self.entry("e2")], nhs=VISIBLE_PATIENT))  # a record left open
            time.sleep(0.3)
            replies.cancel()
            expect_error(grpc.StatusCode.CANCELLED, lambda: next(replies))
        finally:
            requests.put(None)
        assert replies.cancelled() or replies.code() == grpc.StatusCode.CANCELLED

    def message_too_large(self):
        count = self.args.max_message // 20 + 1  # each entry is more than 20 bytes on the wire
        entries = [self.entry(f"large-{i:06d}") for i in range(count)]
        assert len(self.g.EvaluateEntriesRequest(nhs_number=VISIBLE_PATIENT, entries=entries).SerializeToString()) > self.args.max_message
        expect_error(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: self.evaluate(VISIBLE_PATIENT, entries))

    def stream_record_too_large(self):
        limit, per_chunk = self.args.max_entries, 1000

        requests, replies = self.open_stream(timeout=30)
        try:
            for start in range(0, limit + 1, per_chunk):
                count = min(per_chunk, limit + 1 - start)
                requests.put(self.chunk("huge", [self.entry(f"h{start + i}") for i in range(count)],
                                        nhs=VISIBLE_PATIENT if start == 0 else "", last=start + count > limit))
        finally:
            requests.put(None)
        answers = list(replies)
        assert len(answers) == 1 and answers[0].error.code == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0], answers
        assert "entries" in answers[0].error.message and answers[0].last and not answers[0].decisions, answers

    def still_serving(self):
        reply = self.evaluate(VISIBLE_PATIENT, [self.entry("after")])
        assert [self.reason_name(d.reason) for d in reply.decisions] == ["REASON_VISIBLE"], reply

    def run(self):
        if self.args.group == "access":
            checks = [self.get_patient_access, self.get_patient_access_errors, self.explain_entry, self.explain_entry_errors]
        else:
            checks = [self.evaluate_entries_in_request_order, self.evaluate_patient_level_rule, self.evaluate_min_state_version_reached,
                      self.stream_several_records_interleaved, self.stream_large_record_in_chunks,
                      self.error_invalid_argument_names_field, self.error_unauthenticated,
                      self.error_permission_denied, self.error_failed_precondition, self.stream_deadline,
                      self.stream_client_cancellation, self.message_too_large, self.stream_record_too_large, self.still_serving]
        try:
            return run_checks(checks)
        finally:
            self.channel.close()


if __name__ == "__main__":
    sys.exit(main())
