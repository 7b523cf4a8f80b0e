#!/usr/bin/env python3
"""Checks that /api/timeline gives the same answers whichever way it reads.

The server under test reads a timeline's page from the frames of its pairs
(table dyad_frames, migration 11); the reference reads every frame of the
side with fewer, as before: by default the same binary with --timeline-scan,
or with --old-ng (and --old-db, the same store before migration 11) an older
build. Every answer (status and body, byte for byte) must be the same.

  bench/timeline_check.py --ng build/newsgraph --db build/bench-serve/news100000.db
  bench/timeline_check.py --ng build/newsgraph --db new.db --old-ng old/newsgraph --old-db old.db

The questions: every ordered pair of the most reported countries (by name,
by alpha-3 code, with and without a period), people with the people they are
named with and with countries, organisations, a side against itself, names
that several entities answer to, and pages walked through with small limits
and the cursors the answers give.
"""
import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import time
import urllib.parse


class Server:
    def __init__(self, ng, db, extra, env):
        self.proc = subprocess.Popen([ng, "serve", "--db", db, "--port", "0", "--cache-mb", "0"] + extra,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        line = self.proc.stdout.readline()
        prefix = "newsgraph serve: listening on http://"
        if not line.startswith(prefix):
            self.proc.kill()
            raise SystemExit(f"{ng} serve did not start: {line}{self.proc.stderr.read()}")
        host, port = line[len(prefix):].strip().rstrip("/").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=60)

    def get(self, path):
        for attempt in range(3):
            try:
                self.conn.request("GET", path)
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                if attempt == 2:
                    raise
                time.sleep(0.1)

    def close(self):
        self.conn.close()  # else the server waits for the idle keep-alive connection before it stops
        self.proc.terminate()
        self.proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ng", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--old-ng")
    ap.add_argument("--old-db")
    ap.add_argument("--countries", type=int, default=25, help="most reported countries paired with each other")
    ap.add_argument("--people", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--actors", type=int, default=0,
                    help="also every pair of the N actors (entity ids, country codes) with most frames, read from the store")
    ap.add_argument("--paths", action="append", default=[],
                    help="also every path of this file (one per line; e.g. the load test's paths-*.txt)")
    ap.add_argument("--save", help="write every path to this file")
    args = ap.parse_args()
    env = dict(os.environ)
    new = Server(args.ng, args.db, [], env)
    if args.old_ng:
        old = Server(args.old_ng, args.old_db or args.db, [], env)
    else:
        old = Server(args.ng, args.db, ["--timeline-scan"], env)
    rng = random.Random(args.seed)
    q = urllib.parse.quote

    def items(path):
        status, body = new.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)["items"]

    countries = [e for e in items("/api/entities?type=LOC&limit=200") if e.get("place") and len(e["place"]) == 3]
    countries = countries[: args.countries]
    people = items("/api/entities?type=PER&limit=%d" % max(1, args.people))
    orgs = items("/api/entities?type=ORG&limit=20")
    periods = ["", "&from=2025-01-01&to=2025-03-31", "&from=2024-06-01", "&to=2024-06-30", "&from=2025-02-10&to=2025-02-10"]
    paths = []
    for a in countries:
        for b in countries:
            paths.append(f"/api/timeline?a={q(a['name'])}&b={q(b['name'])}{rng.choice(periods)}")
    for a, b in (rng.sample(countries, 2) for _ in range(min(40, len(countries) * 2))):
        paths.append(f"/api/timeline?a={a['place']}&b={b['place']}{rng.choice(periods)}")
        paths.append(f"/api/timeline?a={a['id']}&b={q(b['name'])}{rng.choice(periods)}")
    for p in people:
        try:
            detail = json.loads(new.get(f"/api/entities/{p['id']}")[1])
        except ValueError:
            continue
        partners = [c["entity"] for c in detail.get("co_mentioned", [])[:6]]
        for c in partners:
            paths.append(f"/api/timeline?a={p['id']}&b={c['id']}{rng.choice(periods)}")
        if countries:
            c = rng.choice(countries)
            paths.append(f"/api/timeline?a={p['id']}&b={q(c['name'])}{rng.choice(periods)}")
            paths.append(f"/api/timeline?a={q(c['name'])}&b={q(p['name'])}")
        first = p["name"].split()[0]
        paths.append(f"/api/timeline?a={q(first)}&b={q(rng.choice(people)['name'])}")
    for o in orgs:
        for c in rng.sample(countries, min(3, len(countries))):
            paths.append(f"/api/timeline?a={o['id']}&b={q(c['name'])}")
    # A side against itself, and against an entity of its own.
    for c in countries[:5]:
        paths.append(f"/api/timeline?a={q(c['name'])}&b={q(c['name'])}")
        paths.append(f"/api/timeline?a={c['place']}&b={c['id']}")
    # Pages: small limits walked with the cursors; far cursors.
    walked = 0
    for a, b in [(x, y) for x in countries[:6] for y in countries[:6] if x is not y][:14]:
        for limit in (1, 7, 100):
            path = f"/api/timeline?a={q(a['name'])}&b={q(b['name'])}&limit={limit}"
            cursor, pages = None, 0
            while pages < 60:
                p = path + (f"&cursor={cursor}" if cursor else "")
                paths.append(p)
                status, body = new.get(p)
                if status != 200:
                    break
                cursor = json.loads(body)["next_cursor"]
                pages += 1
                if cursor is None:
                    break
            walked += pages
        paths.append(f"/api/timeline?a={q(a['name'])}&b={q(b['name'])}&cursor=1000000&limit=5")
    if args.actors:
        import sqlite3
        db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        top = db.execute(
            "SELECT k, count(*) FROM (SELECT m.entity AS k FROM events e JOIN mentions m ON m.doc_seq = e.doc_seq "
            "AND m.idx IN (e.actor1, e.actor2) WHERE m.entity IS NOT NULL UNION ALL SELECT country1 FROM events "
            "WHERE country1 IS NOT NULL UNION ALL SELECT country2 FROM events WHERE country2 IS NOT NULL) "
            "GROUP BY k ORDER BY 2 DESC, 1 LIMIT ?", (args.actors,)).fetchall()
        db.close()
        keys = [str(k) for k, _ in top]
        for a in keys:
            for b in keys:
                paths.append(f"/api/timeline?a={a}&b={b}" + ("&limit=3" if rng.random() < 0.3 else ""))
    for f in args.paths:
        paths += [l.strip() for l in open(f) if l.strip()]
    if args.save:
        open(args.save, "w").write("\n".join(paths) + "\n")
    differ = 0
    nonempty = 0
    start = time.time()
    # All of one server's answers, then the other's (alternating, each
    # connection waited on the other server's: 20 ms a request).
    answers_new = [new.get(p) for p in paths]
    answers_old = [old.get(p) for p in paths]
    for p, a, b in zip(paths, answers_new, answers_old):
        if a != b:
            differ += 1
            if differ <= 5:
                print(f"DIFFERS {p}\n  new {a[0]} {a[1][:400]!r}\n  old {b[0]} {b[1][:400]!r}", file=sys.stderr)
        elif a[0] == 200 and json.loads(a[1]).get("items"):
            nonempty += 1
    new.close()
    old.close()
    print(f"timeline_check: {len(paths)} answers compared ({nonempty} with happenings, {walked} pages walked), "
          f"{differ} differ ({time.time() - start:.1f} s)")
    return 1 if differ or not nonempty else 0


if __name__ == "__main__":
    sys.exit(main())
