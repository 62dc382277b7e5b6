#!/usr/bin/env python3
"""Slow clients against kith serve, for tests/cli/t0350-slow-connections.sh.

Usage: slow_clients.py PORT NCONN NADDR HOLD PROBE (PROBE 0: no /healthz probes)

Opens NCONN connections to 127.0.0.1:PORT from NADDR loopback addresses (127.0.0.2 and
up; Linux routes all of 127/8 to loopback without setup), each sending a request head
one byte a second, and meanwhile times GET /healthz on a fresh connection from
127.0.0.1 twice a second. After HOLD seconds it prints, one per line, key=value:
  held           slow connections open at SNAPSHOT_S (those refused at once are closed)
  healthz_n      /healthz probes made; healthz_fail those without "200" and "ok"
  healthz_max_ms the slowest probe
  open_at_end    slow connections the server had not closed when HOLD ran out
  closed_first_s, closed_last_s  when the server closed the first and the last of those
                 held (seconds from the start)
Loopback only, and bounded in time: it never runs longer than HOLD plus a few seconds.
"""
import errno
import resource
import selectors
import socket
import sys
import time


SNAPSHOT_S = 3.0


def probe(port):
    t0 = time.monotonic()
    s = socket.socket()
    s.settimeout(2.0)
    try:
        s.bind(("127.0.0.1", 0))
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        ok = data.startswith(b"HTTP/1.1 200") and data.rstrip().endswith(b"ok")
    except OSError:
        ok = False
    finally:
        s.close()
    return ok, (time.monotonic() - t0) * 1000.0


def main():
    port, nconn, naddr, hold, probes = (int(a) for a in sys.argv[1:6])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = nconn + 64
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    start = time.monotonic()
    sel = selectors.DefaultSelector()
    socks = {}
    for i in range(nconn):
        s = socket.socket()
        s.setblocking(False)
        s.bind(("127.0.0.%d" % (2 + i % naddr), 0))
        rc = s.connect_ex(("127.0.0.1", port))
        if rc not in (0, errno.EINPROGRESS):
            s.close()
            continue
        socks[s] = {"sent": False, "closed": None}
        sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE)
    held = None
    hz_n = hz_fail = 0
    hz_max = 0.0
    next_byte = start + 1.0
    next_probe = start + 1.0
    while time.monotonic() - start < hold:
        for key, ev in sel.select(timeout=0.05):
            s, st = key.fileobj, socks[key.fileobj]
            if ev & selectors.EVENT_WRITE and not st["sent"]:
                try:
                    s.send(b"GET /healthz HTTP/1.1\r\nX-Slow: ")
                    st["sent"] = True
                    sel.modify(s, selectors.EVENT_READ)
                except OSError:
                    st["closed"] = time.monotonic() - start
                    sel.unregister(s)
                    continue
            elif ev & selectors.EVENT_READ:
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    st["closed"] = time.monotonic() - start
                    sel.unregister(s)
        now = time.monotonic()
        if now >= next_byte:
            next_byte += 1.0
            for s, st in socks.items():
                if st["sent"] and st["closed"] is None:
                    try:
                        s.send(b"a")
                    except OSError:
                        pass
        if held is None and now - start >= SNAPSHOT_S:
            held = [s for s, st in socks.items() if st["sent"] and st["closed"] is None]
        if probes and now >= next_probe:
            next_probe += 0.5
            ok, ms = probe(port)
            hz_n += 1
            hz_fail += 0 if ok else 1
            hz_max = max(hz_max, ms)
    # Held at the snapshot, then closed by the server.
    held = held or []
    late = sorted(socks[s]["closed"] for s in held if socks[s]["closed"])
    print("held=%d" % len(held))
    print("healthz_n=%d" % hz_n)
    print("healthz_fail=%d" % hz_fail)
    print("healthz_max_ms=%.1f" % hz_max)
    print("open_at_end=%d" % sum(1 for st in socks.values() if st["sent"] and st["closed"] is None))
    print("closed_first_s=%.1f" % (late[0] if late else -1))
    print("closed_last_s=%.1f" % (late[-1] if late else -1))
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
