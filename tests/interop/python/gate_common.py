"""Shared by the gate and admin interop clients: compiles the recordaccess.v1 contracts (and the test-only control
service) with grpc_tools.protoc into a temporary directory, and small helpers for checks.

Only Debian's python3-grpcio and python3-grpc-tools are used (run with /usr/bin/python3).
"""
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import grpc
    from grpc_tools import protoc
except ImportError as missing:
    print(f"MISSING {missing}: apt-get install python3-grpcio python3-grpc-tools, run with /usr/bin/python3")
    sys.exit(2)

CONTRACTS = ("recordaccess/v1/types.proto", "recordaccess/v1/gate.proto", "recordaccess/testing/v1/control.proto")
ADMIN_CONTRACTS = ("recordaccess/v1/types.proto", "recordaccess/v1/gate.proto", "recordaccess/v1/admin.proto")


class Stubs:
    """Generated modules: types_pb2, gate_pb2, gate_pb2_grpc, and control_pb2, control_pb2_grpc or admin_pb2, admin_pb2_grpc."""

    def __init__(self, protos, contracts=CONTRACTS):
        self._out = tempfile.mkdtemp(prefix="recordaccess-gate-interop-")
        # google/protobuf/wrappers.proto comes with grpc_tools.
        well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
        subprocess.run(
            [sys.executable, "-m", "grpc_tools.protoc", f"-I{protos}", f"-I{well_known}",
             f"--python_out={self._out}", f"--grpc_python_out={self._out}", *contracts],
            check=True)
        sys.path.insert(0, self._out)
        from recordaccess.v1 import types_pb2, gate_pb2, gate_pb2_grpc
        self.types_pb2 = types_pb2
        self.gate_pb2 = gate_pb2
        self.gate_pb2_grpc = gate_pb2_grpc
        if "recordaccess/testing/v1/control.proto" in contracts:
            from recordaccess.testing.v1 import control_pb2, control_pb2_grpc
            self.control_pb2 = control_pb2
            self.control_pb2_grpc = control_pb2_grpc
        if "recordaccess/v1/admin.proto" in contracts:
            from recordaccess.v1 import admin_pb2, admin_pb2_grpc
            self.admin_pb2 = admin_pb2
            self.admin_pb2_grpc = admin_pb2_grpc

    def close(self):
        shutil.rmtree(self._out, ignore_errors=True)


def open_channel(target):
    channel = grpc.insecure_channel(target, options=[
        ("grpc.enable_http_proxy", 0),
        ("grpc.max_receive_message_length", 4 * 1024 * 1024),
        ("grpc.max_send_message_length", 4 * 1024 * 1024),
    ])
    grpc.channel_ready_future(channel).result(timeout=10)
    return channel


def bearer(token):
    return [("authorization", f"Bearer {token}")]


def expect_error(code, call, contains=None):
    """Runs call; it must fail with code, and the details must contain every string of contains."""
    try:
        call()
    except grpc.RpcError as error:
        if error.code() != code:
            raise AssertionError(f"expected {code}, got {error.code()}: {error.details()!r}")
        for part in ([contains] if isinstance(contains, str) else contains or []):
            if part not in (error.details() or ""):
                raise AssertionError(f"expected details containing {part!r}, got {error.details()!r}")
        return error
    raise AssertionError(f"expected {code}, the call succeeded")


def run_checks(checks):
    """Runs every check (not only up to the first failure); prints "ok NAME" or "FAIL NAME: why"; returns the exit code."""
    failed = 0
    for check in checks:
        try:
            check()
            print(f"ok {check.__name__}", flush=True)
        except Exception as error:  # report every check
            failed += 1
            print(f"FAIL {check.__name__}: {type(error).__name__}: {error}", flush=True)
    return 1 if failed else 0
