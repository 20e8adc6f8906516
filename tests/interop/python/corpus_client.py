#!/usr/bin/python3
"""Sends the whole conformance corpus (tests/conformance) over gRPC with Google's client (Debian's python3-grpcio).

Run by tests/RecordAccess.Server.Tests/Interop/ConformanceInteropTests.cs, which has loaded every case's state into the
server under identifiers of its own and writes a manifest: per case file, the NHS number to send, the evaluation date,
the national pause, and what to expect ("decisions", a status code name, or "skip" with why).
    /usr/bin/python3 corpus_client.py --target 127.0.0.1:PORT --protos DIR --corpus DIR --manifest FILE
The client reads each case file itself, maps its entries to recordaccess.v1.Entry, sets the server's clock and national
pause through the test-only Control service, and checks, in request order, every decision against `expected`:
first with EvaluateEntries, one call per case; then every answerable case again as records on StreamEvaluate (one stream
per clock setting, each record split in two chunks, parents crossing chunks). Token: RA_TOKEN (gate.evaluate).
Prints "ok FILE", "skip FILE: why" or "FAIL FILE: why" per case and "corpus: P passed, F failed, S skipped".
"""
import argparse
import json
import os
import sys
from itertools import groupby

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gate_common import Stubs, bearer, grpc, open_channel  # noqa: E402

KINDS = {"consultation": "ENTRY_KIND_CONSULTATION", "diary": "ENTRY_KIND_DIARY", "document": "ENTRY_KIND_DOCUMENT",
         "testResult": "ENTRY_KIND_TEST_RESULT", "medication": "ENTRY_KIND_MEDICATION", "coded": "ENTRY_KIND_CODED"}
STATUSES = {"final": "ENTRY_STATUS_FINAL", "draft": "ENTRY_STATUS_DRAFT", "provisional": "ENTRY_STATUS_PROVISIONAL",
            "unfiled": "ENTRY_STATUS_UNFILED"}
MAX_OPEN_RECORDS = 8  # well under the server's limit of records open at once on one stream


def reason_code(proto_name):
    """REASON_PATIENT_UNDER16 -> PatientUnder16: the rule table's spelling."""
    return "".join(part.capitalize() for part in proto_name[len("REASON_"):].split("_"))


class Corpus:
    def __init__(self, args, stubs):
        self.t = stubs.types_pb2
        self.g = stubs.gate_pb2
        self.c = stubs.control_pb2
        self.channel = open_channel(args.target)
        self.gate = stubs.gate_pb2_grpc.RecordAccessGateStub(self.channel)
        self.control = stubs.control_pb2_grpc.ControlStub(self.channel)
        self.auth = bearer(os.environ["RA_TOKEN"])
        self.corpus = args.corpus
        with open(args.manifest, encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.clock = None
        self.pause = None

    def entry(self, raw):
        """A case entry as a GP system would send it: unknown kinds and statuses as UNSPECIFIED, dates as written."""
        t = self.t

        def text(value):
            return "" if value is None else value if isinstance(value, str) else json.dumps(value)

        e = t.Entry(id=text(raw.get("id")), recorded_date=text(raw.get("recordedDate")),
                    kind=t.EntryKind.Value(KINDS.get(raw.get("kind"), "ENTRY_KIND_UNSPECIFIED")),
                    status=t.EntryStatus.Value(STATUSES.get(raw.get("status"), "ENTRY_STATUS_UNSPECIFIED")),
                    redacted=raw.get("redacted") is True, released=raw.get("released") is True,
                    labels=[text(label) for label in raw.get("labels") or []])
        if raw.get("parentId") is not None:
            e.parent_id.value = text(raw["parentId"])
        if raw.get("code") is not None:
            e.code.value = text(raw["code"])
        return e

    def load(self, item):
        with open(os.path.join(self.corpus, item["file"]), encoding="utf-8") as f:
            case = json.load(f)
        return [self.entry(raw) for raw in case["case"].get("entries") or []], case["expected"]

    def set_state(self, item):
        if item["date"] != self.clock:
            self.control.SetClock(self.c.SetClockRequest(date=item["date"]), timeout=5)
            self.clock = item["date"]
        if item["pause"] != self.pause:
            self.control.SetNationalPause(self.c.SetNationalPauseRequest(enabled=item["pause"]), timeout=5)
            self.pause = item["pause"]

    def compare(self, entries, expected, decisions):
        got = [(d.entry_id, reason_code(self.t.Reason.Name(d.reason)), d.visible) for d in decisions]
        want = [(e.id, expected.get(e.id, "<no expected answer>"), expected.get(e.id) == "Visible") for e in entries]
        if got != want:
            wrong = [f"{w[0]!r}: got {g[1]} visible={g[2]}, want {w[1]}" for g, w in zip(got, want) if g != w]
            raise AssertionError(f"{len(got)} decisions for {len(want)} entries; " + "; ".join(wrong[:5]))

    def unary(self, item):
        entries, expected = self.load(item)
        self.set_state(item)
        request = self.g.EvaluateEntriesRequest(nhs_number=item["nhs"], entries=entries)
        if item["expect"] == "decisions":
            reply = self.gate.EvaluateEntries(request, metadata=self.auth, timeout=10)
            self.compare(entries, expected, reply.decisions)
            return
        assert set(expected.values()) <= {"DecisionUnavailable"}, f"a case invalid as a whole expects {expected}"
        try:
            self.gate.EvaluateEntries(request, metadata=self.auth, timeout=10)
        except grpc.RpcError as error:
            assert error.code().name == item["expect"], f"expected {item['expect']} ({item['why']}), got {error.code()}: {error.details()}"
            assert "nhs_number" in (error.details() or ""), f"the message does not name nhs_number: {error.details()!r}"
            return
        raise AssertionError(f"expected {item['expect']} ({item['why']}), the call succeeded")

    def stream(self, items):
        """Every answerable case of one clock setting as records on one StreamEvaluate; returns the failures."""
        self.set_state(items[0])
        records = {f"{i}:{item['file']}": (item, *self.load(item)) for i, item in enumerate(items)}
        ids = list(records)
        chunks = []
        for start in range(0, len(ids), MAX_OPEN_RECORDS):
            batch = ids[start:start + MAX_OPEN_RECORDS]
            for rid in batch:  # the first halves of a batch of records, interleaved ...
                item, entries, _ = records[rid]
                chunks.append(self.g.StreamEvaluateRequest(request_id=rid, nhs_number=item["nhs"], entries=entries[:len(entries) // 2]))
            for rid in batch:  # ... then their second halves, each closing its record
                _, entries, _ = records[rid]
                chunks.append(self.g.StreamEvaluateRequest(request_id=rid, entries=entries[len(entries) // 2:], last=True))
        answers = {}
        for reply in self.gate.StreamEvaluate(iter(chunks), metadata=self.auth, timeout=60):
            answers.setdefault(reply.request_id, []).append(reply)
        failures = []
        for rid in ids:
            item, entries, expected = records[rid]
            replies = answers.get(rid, [])
            try:
                assert replies and replies[-1].last and not any(r.last for r in replies[:-1]), "not exactly one final answer chunk"
                self.compare(entries, expected, [d for r in replies for d in r.decisions])
            except AssertionError as error:
                failures.append(f"FAIL stream {item['file']}: {error}")
        return failures

    def run(self):
        passed = failed = skipped = 0
        for item in self.manifest:
            if item["expect"] == "skip":
                skipped += 1
                print(f"skip {item['file']}: {item['why']}", flush=True)
                continue
            try:
                self.unary(item)
                passed += 1
                print(f"ok {item['file']}", flush=True)
            except Exception as error:  # report every case
                failed += 1
                print(f"FAIL {item['file']}: {type(error).__name__}: {error}", flush=True)
        answerable = sorted((i for i in self.manifest if i["expect"] == "decisions"), key=lambda i: (i["date"], i["pause"]))
        streamed = 0
        for _, group in groupby(answerable, key=lambda i: (i["date"], i["pause"])):
            group = list(group)
            try:
                failures = self.stream(group)
            except grpc.RpcError as error:
                failures = [f"FAIL stream {group[0]['date']}: {error.code()}: {error.details()}"]
            streamed += len(group)
            for failure in failures:
                print(failure, flush=True)
            failed += len(failures)
        self.control.SetClock(self.c.SetClockRequest(date=""), timeout=5)
        print(f"stream: {streamed} cases as records on StreamEvaluate", flush=True)
        print(f"corpus: {passed} passed, {failed} failed, {skipped} skipped", flush=True)
        self.channel.close()
        return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--protos", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--manifest", required=True)
    args = parser.parse_args()
    stubs = Stubs(args.protos)
    try:
        return Corpus(args, stubs).run()
    finally:
        stubs.close()


if __name__ == "__main__":
    sys.exit(main())
