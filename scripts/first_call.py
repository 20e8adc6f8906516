#!/usr/bin/python3
"""A newcomer's first call to RecordAccess over gRPC (run scripts/first-call.sh, which mints the token).

Compiles the contracts in protos/ at run time with Debian's grpc_tools (nothing generated is checked in),
then asks the gate about a few entries of demo patients and prints the answers.

Usage: /usr/bin/python3 scripts/first_call.py TOKEN [HOST:PORT]
"""
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_contracts():
    out = tempfile.mkdtemp(prefix="recordaccess-first-call-")
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["protoc", "-I" + os.path.join(ROOT, "protos"), "-I" + include, "--python_out=" + out,
            "recordaccess/v1/types.proto", "recordaccess/v1/gate.proto"]
    if protoc.main(args) != 0:
        sys.exit("could not compile protos/recordaccess/v1")
    sys.path.insert(0, out)
    from recordaccess.v1 import gate_pb2, types_pb2  # noqa: E402  (generated just now)
    return gate_pb2, types_pb2


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    token, target = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "localhost:5001")
    gate, types = load_contracts()
    channel = grpc.insecure_channel(target)
    metadata = [("authorization", "Bearer " + token)]
    evaluate = channel.unary_unary("/recordaccess.v1.RecordAccessGate/EvaluateEntries",
                                   request_serializer=gate.EvaluateEntriesRequest.SerializeToString,
                                   response_deserializer=gate.EvaluateEntriesResponse.FromString)
    access = channel.unary_unary("/recordaccess.v1.RecordAccessGate/GetPatientAccess",
                                 request_serializer=gate.GetPatientAccessRequest.SerializeToString,
                                 response_deserializer=gate.GetPatientAccessResponse.FromString)

    def entry(id, recorded, kind, status="ENTRY_STATUS_FINAL", labels=(), parent=None):
        e = types.Entry(id=id, recorded_date=recorded, kind=types.EntryKind.Value(kind),
                        status=types.EntryStatus.Value(status), labels=list(labels))
        if parent is not None:
            e.parent_id.value = parent
        return e

    record = [
        entry("consultation-2024", "2024-03-01", "ENTRY_KIND_CONSULTATION"),
        entry("result-2024", "2024-03-02", "ENTRY_KIND_TEST_RESULT", status="ENTRY_STATUS_PROVISIONAL"),
        entry("letter-2024", "2024-03-03", "ENTRY_KIND_DOCUMENT", labels=["R"]),
        entry("code-on-letter", "2024-03-03", "ENTRY_KIND_CODED", parent="letter-2024"),
        entry("demo-letter-third-party", "2024-03-04", "ENTRY_KIND_DOCUMENT"),
        entry("consultation-2009", "2009-06-01", "ENTRY_KIND_CONSULTATION"),
    ]
    try:
        for nhs in ["9434765919", "9434765978"]:
            patient = access(gate.GetPatientAccessRequest(nhs_number=nhs), metadata=metadata, timeout=10)
            print(f"patient {nhs}: access {'available' if patient.access_available else 'not available'}"
                  f" ({types.Reason.Name(patient.reason)}), prospective from {patient.access_start_date}")
            answer = evaluate(gate.EvaluateEntriesRequest(nhs_number=nhs, entries=record), metadata=metadata, timeout=10)
            print(f"  decision {answer.decision_id} at state version {answer.state_version}, rules {answer.rule_set_version}")
            for d in answer.decisions:
                print(f"  {d.entry_id:26} {'visible ' if d.visible else 'withheld'}  {types.Reason.Name(d.reason)}")
    except grpc.RpcError as e:
        sys.exit(f"call failed: {e.code().name}: {e.details()}")


if __name__ == "__main__":
    main()
