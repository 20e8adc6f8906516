#!/usr/bin/python3
"""Builds the h2load request body (one framed EvaluateEntriesRequest with N entries of a realistic mix) and
captures the server's framed response to it (the bare-Kestrel baseline answers with those same bytes).

Usage: /usr/bin/python3 make_body.py --protos DIR --out DIR --target HOST:PORT --token TOKEN [--entries 1000]
"""
import argparse
import os
import random
import struct
import sys
import tempfile

import grpc
from grpc_tools import protoc


def compile_contracts(protos):
    out = tempfile.mkdtemp(prefix="ra-h2load-")
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    if protoc.main(["protoc", "-I" + protos, "-I" + include, "--python_out=" + out,
                    "recordaccess/v1/types.proto", "recordaccess/v1/gate.proto"]) != 0:
        sys.exit("could not compile the contracts")
    sys.path.insert(0, out)
    from recordaccess.v1 import gate_pb2, types_pb2
    return gate_pb2, types_pb2


def record(types, count, rng):
    """A GP record's shape: consultations with coded children and documents with attachments, 2012-2024,
    mostly final, a few provisional results and labelled letters."""
    kinds = ["ENTRY_KIND_CONSULTATION", "ENTRY_KIND_CODED", "ENTRY_KIND_CODED", "ENTRY_KIND_MEDICATION",
             "ENTRY_KIND_TEST_RESULT", "ENTRY_KIND_DOCUMENT", "ENTRY_KIND_CODED", "ENTRY_KIND_DIARY"]
    entries, consultation = [], None
    for i in range(count):
        kind = kinds[rng.randrange(len(kinds))]
        year, month, day = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
        status = "ENTRY_STATUS_PROVISIONAL" if kind == "ENTRY_KIND_TEST_RESULT" and rng.random() < 0.2 else "ENTRY_STATUS_FINAL"
        e = types.Entry(id=f"entry-{i:05d}", recorded_date=f"{year:04d}-{month:02d}-{day:02d}",
                        kind=types.EntryKind.Value(kind), status=types.EntryStatus.Value(status))
        if kind == "ENTRY_KIND_DOCUMENT" and rng.random() < 0.1:
            e.labels.append("R")
        if kind == "ENTRY_KIND_CONSULTATION":
            consultation = e.id
        elif kind == "ENTRY_KIND_CODED" and consultation is not None:
            e.parent_id.value = consultation
        entries.append(e)
    return entries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--protos", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--nhs-number", default="9434765919")
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()

    gate, types = compile_contracts(args.protos)
    request = gate.EvaluateEntriesRequest(nhs_number=args.nhs_number, entries=record(types, args.entries, random.Random(2024)))
    payload = request.SerializeToString()
    with open(os.path.join(args.out, "body.bin"), "wb") as f:
        f.write(struct.pack(">BI", 0, len(payload)) + payload)

    call = grpc.insecure_channel(args.target).unary_unary(
        "/recordaccess.v1.RecordAccessGate/EvaluateEntries",
        request_serializer=lambda m: m.SerializeToString(), response_deserializer=lambda b: b)
    answer = call(request, metadata=[("authorization", "Bearer " + args.token)], timeout=30)
    with open(os.path.join(args.out, "response.bin"), "wb") as f:
        f.write(struct.pack(">BI", 0, len(answer)) + answer)
    decoded = gate.EvaluateEntriesResponse.FromString(answer)
    visible = sum(1 for d in decoded.decisions if d.visible)
    print(f"request {len(payload)} bytes, {len(decoded.decisions)} decisions ({visible} visible), response {len(answer)} bytes")


if __name__ == "__main__":
    main()
