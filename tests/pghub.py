"""The private PostgreSQL of a Python suite (tests/pgtmp), stopped whatever ends the suite.

start(DIR) starts a cluster and returns its owner's connection string; stop(DIR) stops one;
every cluster still running is stopped when the suite exits, and also when it is killed by
SIGTERM, SIGINT or SIGHUP (meson's timeout, a CI runner stopping, a closed terminal): the
postmaster runs in a session of its own, so nothing else would stop it. Paths given to
remove_at_exit() go after the clusters (a suite's scratch, which may hold a cluster's DIR).

On a signal the stops run in a process of their own, in a new session, and the suite dies at
once by that signal: meson sends SIGTERM to the suite's process group and SIGKILL half a
second later, which would cut a stop run from the suite itself short."""

import atexit
import os
import shutil
import signal
import subprocess

PGTMP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pgtmp")
SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

_clusters = []  # the DIRs started and not yet stopped, in order
_removed = []  # what goes once they are stopped
_armed = []  # the pid that armed the handlers (a forked child must not stop its parent's)


def unfaked_env():
    """The environment without faketime: the hub runs on the machine's own clock (tests/pgtmp
    strips it too; stripping it here spares faking the clock of pgtmp's own Python)."""
    return {k: v for k, v in os.environ.items()
            if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}


def _arm():
    if _armed:
        return
    _armed.append(os.getpid())
    atexit.register(stop_all)
    for sig in SIGNALS:
        signal.signal(sig, _killed)


def start(where, *opts):
    """Starts a cluster in where (missing or empty; pgtmp's options: --tcp PORT, --tls, ...);
    returns the owner's connection string. Fails the test, saying why, if it cannot."""
    _arm()
    _clusters.append(where)  # before it starts: a kill during pgtmp start stops it too
    r = subprocess.run([PGTMP, "start", where, *opts], capture_output=True, text=True,
                       env=unfaked_env(), timeout=120)
    if r.returncode != 0:
        _clusters.remove(where)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().split("\n")[-1]


def stop(where):
    """Stops the cluster in where and removes it; pgtmp's result (tests check pgtmp itself)."""
    r = subprocess.run([PGTMP, "stop", where], capture_output=True, text=True,
                       env=unfaked_env(), timeout=120)
    if where in _clusters:  # only now: a kill while it stops runs the stop again (harmless)
        _clusters.remove(where)
    return r


def remove_at_exit(path):
    _arm()
    _removed.append(path)


def stop_all():
    """Stops every cluster still running, then removes what remove_at_exit named. Safe to run
    more than once."""
    while _clusters:
        stop(_clusters[-1])
    while _removed:
        shutil.rmtree(_removed.pop(), ignore_errors=True)


def _killed(sig, frame):
    for s in SIGNALS:  # a second signal kills at once
        signal.signal(s, signal.SIG_DFL)
    if _armed == [os.getpid()] and (_clusters or _removed):
        script = 'p=$1; shift; while [ "$1" != -- ]; do "$p" stop "$1"; shift; done; shift; ' \
                 'rm -rf -- "$@"'
        args = [PGTMP] + _clusters[::-1] + ["--"] + _removed
        subprocess.Popen(["/bin/sh", "-c", script, "pghub"] + args, env=unfaked_env(),
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        del _clusters[:], _removed[:]
    os.kill(os.getpid(), sig)
