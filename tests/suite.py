"""What every Python suite shares: run each test_ function, say FAIL with its traceback (and
whatever the suite adds to explain it), clear the scratch directory, and end with
"SUITE: N passed, N failed" for tests/run-all."""

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


def run(suite, namespace, scratch=None, before=None, explain=None):
    """Runs every test_ function of namespace; prints "SUITE: N passed, N failed". before()
    runs ahead of each test, explain(traceback) after the traceback of each that fails (the
    interface suites print the screens it saw)."""
    tests = [(n, f) for n, f in sorted(namespace.items()) if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        if before:
            before()
        try:
            fn()
            passed += 1
        except Exception as e:
            failed += 1
            print(f"FAIL {name}", file=sys.stderr)
            traceback.print_exc()
            if explain:
                explain(e.__traceback__)
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{suite}: {passed} passed, {failed} failed")
    return 1 if failed else 0
