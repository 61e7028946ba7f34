#!/usr/bin/env python3
"""Load for `make bench-debates`: confirmations of the debate registration form against a running server.

  debates-load.py burst  BASE SLUG --requests 1000 --connections 100
  debates-load.py steady BASE SLUG --rate 200 --seconds 10 --connections 50

Every request is one confirmation (the form the confirmation page posts) with its own email address, on
keep-alive HTTP/1.1 connections. `burst` starts all requests at once; `steady` sends them open-loop at a
fixed rate and measures each latency from its scheduled start, so a slow server is not hidden by a
client that waits. Prints one line of figures per phase.
"""
import argparse, http.client, re, sys, threading, time, urllib.parse, uuid

def visitor(base, slug):
    host = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("GET", f"/debates/{slug}")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    cases = re.findall(r'name="case" id="case-(\d+)" value="\d+"', page)
    connection.close()
    return cookie, token, cases

class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.statuses = [], {}
        self.registered = self.refused_full = self.other = 0

    def add(self, latency, status, body):
        with self.lock:
            self.latencies.append(latency)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 200 and "You are registered" in body: self.registered += 1
            elif status == 409 and "was just taken" in body: self.refused_full += 1
            else: self.other += 1

    def line(self, phase, elapsed):
        values = sorted(self.latencies)
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0
        errors = sum(count for status, count in self.statuses.items() if status >= 500 or status < 0)
        return (f"{phase}: requests={len(values)} in {elapsed:.2f}s ({len(values) / elapsed:.0f}/s) "
                f"p50_ms={pick(0.50):.1f} p99_ms={pick(0.99):.1f} max_ms={pick(1.0):.1f} "
                f"registered={self.registered} refused_full={self.refused_full} other={self.other} errors_5xx={errors} "
                f"statuses={dict(sorted(self.statuses.items()))}")

def worker(base, cookie, token, cases, jobs, results, start_at, rate, run_id):
    host = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    while True:
        index = jobs()
        if index is None: break
        scheduled = start_at + (index / rate if rate else 0)
        delay = scheduled - time.monotonic()
        if delay > 0: time.sleep(delay)
        body = urllib.parse.urlencode({"csrf_token": token, "case": cases[index % len(cases)],
                                       "full_name": f"Bench {index}", "email": f"bench-{run_id}-{index}@example.org"})
        try:
            connection.request("POST", f"/debates/{args.slug}/confirm", body, headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            results.add(time.monotonic() - scheduled, response.status, text)
        except Exception:
            results.add(time.monotonic() - scheduled, -1, "")
            connection.close()
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.close()

def run(phase, total, connections, rate):
    cookie, token, cases = visitor(args.base, args.slug)
    counter = iter(range(total))
    lock = threading.Lock()
    def jobs():
        with lock: return next(counter, None)
    results = Results()
    start_at = time.monotonic() + 0.5
    run_id = uuid.uuid4().hex[:8]
    threads = [threading.Thread(target=worker, args=(args.base, cookie, token, cases, jobs, results, start_at, rate, run_id))
               for _ in range(connections)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    print(results.line(phase, time.monotonic() - start_at), flush=True)

parser = argparse.ArgumentParser()
parser.add_argument("phase", choices=["burst", "steady"])
parser.add_argument("base"); parser.add_argument("slug")
parser.add_argument("--requests", type=int, default=1000)
parser.add_argument("--connections", type=int, default=100)
parser.add_argument("--rate", type=float, default=200)
parser.add_argument("--seconds", type=float, default=10)
args = parser.parse_args()
if args.phase == "burst":
    run("burst", args.requests, args.connections, 0)
else:
    run(f"steady {args.rate:.0f}/s", int(args.rate * args.seconds), args.connections, args.rate)
