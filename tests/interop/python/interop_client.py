#!/usr/bin/python3
"""Drives RecordAccess.Server with Google's own gRPC client (Debian's python3-grpcio, C-core).

Run by tests/RecordAccess.Server.Tests/Interop/PythonInteropTests.cs against real Kestrel:
    /usr/bin/python3 interop_client.py --target 127.0.0.1:PORT --protos DIR --cancel-key KEY
DIR holds grpc/health/v1/health.proto and recordaccess/testing/v1/echo.proto. Stubs are generated
into a temporary directory with grpc_tools.protoc. Prints "ok <check>" or "FAIL <check>: why" per
check and exits 0 only if every check passed (1 if any failed, 2 if grpcio is missing).
"""
import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import grpc
    import grpc_tools  # noqa: F401  (only to fail early with a clear message)
except ImportError as missing:
    print(f"MISSING {missing}: apt-get install python3-grpcio python3-grpc-tools, run with /usr/bin/python3")
    sys.exit(2)

UTF8_MESSAGE = "100% sûr — ✓ 患者 😀"


def generate_stubs(protos, out):
    # health.proto is compiled from a flat copy: a generated package named "grpc" would shadow grpcio.
    flat = os.path.join(out, "flat")
    os.makedirs(flat)
    shutil.copy(os.path.join(protos, "grpc", "health", "v1", "health.proto"), flat)
    for include, proto in ((flat, "health.proto"), (protos, "recordaccess/testing/v1/echo.proto")):
        subprocess.run(
            [sys.executable, "-m", "grpc_tools.protoc", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}", proto],
            check=True)
    sys.path.insert(0, out)


def expect_error(code, call, details=None):
    try:
        call()
    except grpc.RpcError as error:
        if error.code() != code:
            raise AssertionError(f"expected {code}, got {error.code()}: {error.details()!r}")
        if details is not None and error.details() != details:
            raise AssertionError(f"expected details {details!r}, got {error.details()!r}")
        return error
    raise AssertionError(f"expected {code}, the call succeeded")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--protos", required=True)
    parser.add_argument("--cancel-key", required=True)
    args = parser.parse_args()

    out = tempfile.mkdtemp(prefix="recordaccess-interop-")
    try:
        generate_stubs(args.protos, out)
        return run_checks(args)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_checks(args):
    import health_pb2
    import health_pb2_grpc
    from recordaccess.testing.v1 import echo_pb2, echo_pb2_grpc

    channel = grpc.insecure_channel(args.target, options=[("grpc.enable_http_proxy", 0)])
    grpc.channel_ready_future(channel).result(timeout=10)
    health = health_pb2_grpc.HealthStub(channel)
    echo = echo_pb2_grpc.EchoStub(channel)
    Status = health_pb2.HealthCheckResponse
    Req = echo_pb2.EchoRequest

    def health_check_server():
        assert health.Check(health_pb2.HealthCheckRequest(), timeout=5).status == Status.SERVING

    def health_check_unknown():
        expect_error(grpc.StatusCode.NOT_FOUND,
                     lambda: health.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=5))

    def health_watch():
        stream = health.Watch(health_pb2.HealthCheckRequest(service="recordaccess.v1.RecordAccessGate"), timeout=10)
        first = next(stream)
        stream.cancel()
        assert first.status == Status.SERVING, first

    def health_watch_unknown():
        stream = health.Watch(health_pb2.HealthCheckRequest(service="not.yet.Known"), timeout=10)
        first = next(stream)
        stream.cancel()
        assert first.status == Status.SERVICE_UNKNOWN, first

    def unary_with_authorization():
        reply = echo.Unary(Req(text="hi"), metadata=[("authorization", "Bearer py-token")], timeout=5)
        assert (reply.text, reply.authorization) == ("hi", "Bearer py-token"), reply

    def unary_response_metadata():
        _, call = echo.Unary.with_call(Req(text="metadata"), timeout=5)
        initial = dict(call.initial_metadata())
        trailing = dict(call.trailing_metadata())
        assert initial.get("echo-header") == "from-handler", initial
        assert trailing.get("echo-trailer") == "after-message", trailing
        assert trailing.get("echo-trailer-bin") == b"\x00\x01\x02\xff", trailing

    def server_streaming():
        replies = list(echo.ServerStream(Req(text="s", repeat=3), timeout=5))
        assert [r.index for r in replies] == [0, 1, 2], replies

    def client_streaming():
        reply = echo.ClientStream(iter([Req(text=t) for t in "abc"]), timeout=5)
        assert (reply.count, reply.text) == (3, "a,b,c"), reply

    def duplex_interleaved():
        requests = queue.Queue()
        replies = echo.Duplex(iter(requests.get, None), timeout=10)
        requests.put(Req(text="one"))
        first = next(replies)
        requests.put(Req(text="two"))
        second = next(replies)
        requests.put(None)
        rest = list(replies)
        assert (first.text, first.index, second.text, second.index, rest) == ("one", 0, "two", 1, []), (first, second, rest)

    def unary_gzip_request():
        reply = echo.Unary(Req(text="z" * 5000), compression=grpc.Compression.Gzip, timeout=5)
        assert reply.text == "z" * 5000

    def error_with_utf8_message():
        expect_error(grpc.StatusCode.INVALID_ARGUMENT,
                     lambda: echo.Unary(Req(fail_code=3, fail_message=UTF8_MESSAGE), timeout=5),
                     UTF8_MESSAGE)

    def error_mid_stream():
        received = []

        def call():
            for reply in echo.ServerStream(Req(repeat=5, fail_after=2, fail_code=9, fail_message="stale"), timeout=5):
                received.append(reply)

        expect_error(grpc.StatusCode.FAILED_PRECONDITION, call, "stale")
        assert len(received) == 2, received

    def deadline():
        started = time.monotonic()
        expect_error(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: echo.WaitForCancellation(Req(text="py-deadline"), timeout=0.3))
        assert time.monotonic() - started < 5

    def unknown_method():
        nope = channel.unary_unary("/recordaccess.testing.v1.Echo/Nope",
                                   request_serializer=Req.SerializeToString,
                                   response_deserializer=echo_pb2.EchoReply.FromString)
        expect_error(grpc.StatusCode.UNIMPLEMENTED, lambda: nope(Req(), timeout=5),
                     "Method is unimplemented.")

    def message_too_large():
        error = expect_error(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: echo.Unary(Req(text="x" * 70000), timeout=5))
        assert "maximum configured message size" in error.details(), error.details()

    def client_cancellation():
        future = echo.WaitForCancellation.future(Req(text=args.cancel_key), timeout=30)
        time.sleep(0.5)
        future.cancel()
        assert future.cancelled()

    def still_serving():
        assert echo.Unary(Req(text="after"), timeout=5).text == "after"

    checks = [health_check_server, health_check_unknown, health_watch, health_watch_unknown,
              unary_with_authorization, unary_response_metadata, server_streaming, client_streaming,
              duplex_interleaved, unary_gzip_request, error_with_utf8_message, error_mid_stream, deadline, unknown_method,
              message_too_large, client_cancellation, still_serving]
    failed = 0
    for check in checks:
        try:
            check()
            print(f"ok {check.__name__}", flush=True)
        except Exception as error:  # report every check, not only the first failure
            failed += 1
            print(f"FAIL {check.__name__}: {type(error).__name__}: {error}", flush=True)
    channel.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
