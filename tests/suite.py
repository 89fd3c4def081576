"""What every Python suite shares: run each test_ function, say FAIL with its traceback,
clear the scratch directory, and end with "SUITE: N passed, N failed" for tests/run-all."""

import shutil
import sys
import traceback


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
