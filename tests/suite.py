"""What every Python suite shares: run each test_ function, say FAIL with its traceback,
clear the scratch directory, and end with "SUITE: N passed, N failed" for tests/run-all."""

import os
import shutil
import sys
import traceback

# What a suite's children inherit from the run: the sanitizers' settings, and a clock moved
# by faketime (CI runs the suites once more a year ahead: no test may depend on the day)
PASSED_ON = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "LD_PRELOAD", "FAKETIME",
             "FAKETIME_NO_CACHE", "DONT_FAKE_MONOTONIC")


def passed_on():
    return {name: os.environ[name] for name in PASSED_ON if name in os.environ}


def run(suite, namespace, scratch=None):
    tests = [(n, f) for n, f in sorted(namespace.items()) if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        try:
            fn()
            passed += 1
        except Exception:
            failed += 1
            print(f"FAIL {name}", file=sys.stderr)
            traceback.print_exc()
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{suite}: {passed} passed, {failed} failed")
    return 1 if failed else 0
