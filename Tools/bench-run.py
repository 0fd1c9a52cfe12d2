#!/usr/bin/env python3
"""Runs the Partnership Ledger benchmark (called by Tools/bench, which builds and sets up first).

Measures, for generated histories of 1k, 10k, 100k and 1M events (--quick: up to
100k), as medians of several runs: import events/s against the SQLite floor
and Python's `eventsourcing`; full replay events/s against `eventsourcing`;
as-of query latency (p50, p99) with and without snapshots; single-event CLI
append latency; verify events/s; peak RSS of each. Prints the table and writes
it as Markdown.

With --stores, measures instead the same ledger on SQLite and on PostgreSQL side
by side (import, snapshot rebuild, single append, full replay, as-of queries) on a
throw-away cluster that Tools/pg-cluster starts and stops, and replaces only that
section of the Markdown file.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(os.environ.get("BENCH_BIN", os.path.join(ROOT, ".build", "release")))
LEDGER = os.path.join(BIN, "partnership-ledger")
GENERATE = os.path.join(BIN, "generate-history")
PROBE = os.path.join(BIN, "bench-probe")
VENV_PYTHON = os.path.join(ROOT, "Tools", ".venv", "bin", "python")
PEER = os.path.join(ROOT, "Tools", "bench-eventsourcing.py")
PG_CLUSTER = os.path.join(ROOT, "Tools", "pg-cluster")
STORES_BEGIN = "<!-- bench --stores: begin -->"
STORES_END = "<!-- bench --stores: end -->"
FLOOR = os.path.join(ROOT, "Tools", "bench-floor.py")


def run(command, stdout=subprocess.DEVNULL, env=None):
    """Runs a command under /usr/bin/time; returns (seconds, peak RSS in MB, stdout text)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        started = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name] + command,
                                stdout=subprocess.PIPE if stdout is None else stdout, stderr=subprocess.PIPE, text=True, env=env)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"bench: {' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
        rss_kb = int(timing.read().strip().splitlines()[-1])
    return elapsed, rss_kb / 1024, result.stdout if stdout is None else ""


def median(values):
    return statistics.median(values) if values else float("nan")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal", ".subjects"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def measure(size, runs, work, results, log):
    out = {}
    history = os.path.join(work, f"h{size}.jsonl")
    companies = max(2, size // 250)
    log(f"[{size}] generating history")
    with open(history, "w") as target:
        subprocess.run([GENERATE, "--events", str(size), "--seed", "1"], stdout=target, check=True)
    db = os.path.join(work, f"ledger{size}.sqlite")

    # Import (events only) and the snapshot rebuild that `import` runs after large batches.
    imports, import_rss, rebuilds, rebuild_rss = [], [], [], []
    for attempt in range(runs):
        log(f"[{size}] import {attempt + 1}/{runs}")
        remove_db(db)
        seconds, rss, _ = run([LEDGER, "import", "--db", db, "--no-snapshots", history])
        imports.append(size / seconds)
        import_rss.append(rss)
        seconds, rss, _ = run([LEDGER, "snapshot", "rebuild", "--db", db])
        rebuilds.append(seconds)
        rebuild_rss.append(rss)
    out["import"] = median(imports)
    # Goal: import with its snapshot rebuild, events/s (each run's import and rebuild together).
    out["import_with_rebuild"] = median([size / (size / rate + seconds) for rate, seconds in zip(imports, rebuilds)])
    out["import_rss"] = max(import_rss)
    out["rebuild_s"] = median(rebuilds)
    out["rebuild_rss"] = max(rebuild_rss)

    # The same size with every fact recorded in random date order (a back-filled archive), snapshots included.
    shuffled = os.path.join(work, f"h{size}-shuffled.jsonl")
    shuffled_db = os.path.join(work, f"ledger{size}-shuffled.sqlite")
    with open(shuffled, "w") as target:
        subprocess.run([GENERATE, "--events", str(size), "--seed", "1", "--shuffled-dates"], stdout=target, check=True)
    shuffled_imports, shuffled_rss = [], []
    for attempt in range(runs):
        log(f"[{size}] import, random date order {attempt + 1}/{runs}")
        remove_db(shuffled_db)
        seconds, rss, _ = run([LEDGER, "import", "--db", shuffled_db, shuffled])
        shuffled_imports.append(size / seconds)
        shuffled_rss.append(rss)
    # The floor for those rows in their stored order (random dates make the (date, seq) indexes insert at random places).
    shuffled_floors = []
    shuffled_floor_db = os.path.join(work, f"floor{size}-shuffled.sqlite")
    for attempt in range(runs):
        _, _, text = run([sys.executable, FLOOR, shuffled_db, shuffled_floor_db], stdout=None)
        rows, seconds = text.split()
        shuffled_floors.append(int(rows) / float(seconds))
    remove_db(shuffled_floor_db)
    out["floor_shuffled"] = median(shuffled_floors)
    remove_db(shuffled_db)
    os.remove(shuffled)
    out["import_shuffled"] = median(shuffled_imports)
    out["import_shuffled_rss"] = max(shuffled_rss)

    # The floor: the same rows into the same table definition, one executemany, one transaction.
    floors, floors_tuned = [], []
    floor_db = os.path.join(work, f"floor{size}.sqlite")
    for attempt in range(runs):
        log(f"[{size}] floor {attempt + 1}/{runs}")
        _, _, text = run([sys.executable, FLOOR, db, floor_db], stdout=None)
        rows, seconds = text.split()
        floors.append(int(rows) / float(seconds))
        _, _, text = run([sys.executable, FLOOR, db, floor_db, "--cache-kib", "32768"], stdout=None)
        rows, seconds = text.split()
        floors_tuned.append(int(rows) / float(seconds))
    remove_db(floor_db)
    out["floor"] = median(floors)
    out["floor_tuned"] = median(floors_tuned)

    # Full replay, in-process (stream, decode, fold; no snapshots), and the same through the CLI.
    log(f"[{size}] replay")
    _, rss, text = run([PROBE, "replay", "--db", db, "--runs", str(runs)], stdout=None)
    out["replay"] = json.loads(text)["eventsPerSecond"]
    out["replay_rss"] = rss
    cli_replays = []
    for _ in range(runs):
        seconds, rss, _ = run([LEDGER, "state", "--db", db, "--as-of", "2199-12-31", "--no-snapshots", "--format", "json"])
        cli_replays.append(size / seconds)
    out["replay_cli"] = median(cli_replays)
    out["replay_cli_rss"] = rss

    # As-of queries at random dates: one company's cap table (as `shares` answers it), and the whole state.
    log(f"[{size}] as-of queries")
    for kind, count in (("subject", 300), ("state", 30 if size >= 1_000_000 else 100)):
        for mode, flags in (("snap", []), ("nosnap", ["--no-snapshots"])):
            _, rss, text = run([PROBE, "queries", "--db", db, "--kind", kind, "--count", str(count),
                                "--companies", str(companies)] + flags, stdout=None)
            figures = json.loads(text)
            out[f"q_{kind}_{mode}_p50"] = figures["p50_ms"]
            out[f"q_{kind}_{mode}_p99"] = figures["p99_ms"]
            out[f"q_{kind}_{mode}_rss"] = rss
    # The same questions through the CLI, process start included: `shares COMPANY` and `terms PARTNERSHIP`.
    partnerships = max(1, size // 1000)
    for key, command, subjects in (("q_cli", "shares", lambda i: f"co-{i % companies}"),
                                   ("q_cli_terms", "terms", lambda i: f"ps-{i % partnerships}")):
        timings = []
        for index in range(20):
            seconds, rss, _ = run([LEDGER, command, subjects(index), "--db", db, "--as-of", f"{1990 + index}-06-30", "--format", "json"])
            timings.append(seconds * 1000)
        out[f"{key}_p50"] = median(timings)
        out[f"{key}_p99"] = percentile(timings, 0.99)

    # Verify (the whole chain).
    log(f"[{size}] verify")
    verifies, verify_rss = [], []
    for _ in range(runs):
        seconds, rss, _ = run([LEDGER, "verify", "--db", db])
        verifies.append(size / seconds)
        verify_rss.append(rss)
    out["verify"] = median(verifies)
    out["verify_rss"] = max(verify_rss)

    # Single-event CLI append, process start included (last: it changes the ledger).
    log(f"[{size}] appends")
    appends, append_rss = [], []
    for index in range(25):
        seconds, rss, _ = run([LEDGER, "append", "valuation", "--db", db, "--company", "co-0", "--value", f"{index + 1}B",
                               "--basis", "reported", "--date", "2026-06-30", "--id", f"bench-append-{index}"])
        appends.append(seconds * 1000)
        append_rss.append(rss)
    out["append_p50"] = median(appends)
    out["append_p99"] = percentile(appends, 0.99)
    out["append_rss"] = max(append_rss)

    # The peer: Python eventsourcing on SQLite, the same events appended and replayed.
    peer_runs = runs if size < 1_000_000 else max(1, runs - 1)
    peer_db = os.path.join(work, f"es{size}.sqlite")
    appends_es, replays_es, es_append_rss, es_replay_rss = [], [], [], []
    for attempt in range(peer_runs):
        log(f"[{size}] eventsourcing {attempt + 1}/{peer_runs}")
        _, rss, text = run([VENV_PYTHON, PEER, "append", history, peer_db], stdout=None)
        count, seconds = text.split()
        appends_es.append(int(count) / float(seconds))
        es_append_rss.append(rss)
        _, rss, text = run([VENV_PYTHON, PEER, "replay", history, peer_db], stdout=None)
        count, seconds = text.split()
        replays_es.append(int(count) / float(seconds))
        es_replay_rss.append(rss)
    remove_db(peer_db)
    out["es_append"] = median(appends_es)
    out["es_append_rss"] = max(es_append_rss)
    out["es_replay"] = median(replays_es)
    out["es_replay_rss"] = max(es_replay_rss)
    out["db_mb"] = os.path.getsize(db) / 1e6
    results[size] = out
    remove_db(db)
    os.remove(history)


def measure_stores(size, runs, work, admin_url, results, log):
    """One history imported into a SQLite file and a PostgreSQL database; the same commands timed on each."""
    history = os.path.join(work, f"h{size}.jsonl")
    companies = max(2, size // 250)
    log(f"[{size}] generating history")
    with open(history, "w") as target:
        subprocess.run([GENERATE, "--events", str(size), "--seed", "1"], stdout=target, check=True)
    for store in ("sqlite", "postgres"):
        out = {}
        for attempt in range(runs):
            log(f"[{size}] {store}: import {attempt + 1}/{runs}")
            if store == "sqlite":
                db = os.path.join(work, f"stores{size}.sqlite")
                remove_db(db)
            else:
                name = f"bench_{size}"
                subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
                subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", f"CREATE DATABASE {name}"], check=True)
                db = admin_url.replace("/postgres?", f"/{name}?")
            seconds, rss, _ = run([LEDGER, "import", "--db", db, "--no-snapshots", history])
            out.setdefault("import", []).append(size / seconds)
            out.setdefault("import_rss", []).append(rss)
            seconds, rss, _ = run([LEDGER, "snapshot", "rebuild", "--db", db])
            out.setdefault("rebuild_s", []).append(seconds)
        log(f"[{size}] {store}: replay and queries")
        _, rss, text = run([PROBE, "replay", "--db", db, "--runs", str(runs)], stdout=None)
        out["replay"] = [json.loads(text)["eventsPerSecond"]]
        for _ in range(runs):
            seconds, rss, _ = run([LEDGER, "state", "--db", db, "--as-of", "2199-12-31", "--no-snapshots", "--format", "json"])
            out.setdefault("replay_cli", []).append(size / seconds)
        for kind, count in (("subject", 100), ("state", 30)):
            for mode, flags in (("snap", []), ("nosnap", ["--no-snapshots"])):
                _, _, text = run([PROBE, "queries", "--db", db, "--kind", kind, "--count", str(count),
                                  "--companies", str(companies)] + flags, stdout=None)
                figures = json.loads(text)
                out[f"q_{kind}_{mode}_p50"] = [figures["p50_ms"]]
        for index in range(10):
            seconds, _, _ = run([LEDGER, "shares", f"co-{index % companies}", "--db", db, "--as-of", f"{1990 + index}-06-30", "--format", "json"])
            out.setdefault("q_cli", []).append(seconds * 1000)
        log(f"[{size}] {store}: appends")
        appends = []
        for index in range(15):
            seconds, rss, _ = run([LEDGER, "append", "valuation", "--db", db, "--company", "co-0", "--value", f"{index + 1}B",
                                   "--basis", "reported", "--date", "2026-06-30", "--id", f"bench-append-{index}"])
            appends.append(seconds * 1000)
        out["append_p50"] = [median(appends)]
        out["append_p99"] = [percentile(appends, 0.99)]
        results.setdefault(size, {})[store] = {key: (max(values) if key.endswith("_rss") else median(values)) for key, values in out.items()}
        if store == "sqlite":
            remove_db(db)
        else:
            subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", f"DROP DATABASE bench_{size}"], check=True)
    os.remove(history)


def stores_table(results, runs, machine):
    sizes = sorted(results)
    names = {1_000: "1k", 10_000: "10k", 100_000: "100k", 1_000_000: "1M"}
    header = "| measure | " + " | ".join(f"{names.get(size, str(size))} {store}" for size in sizes for store in ("SQLite", "PostgreSQL")) + " |"
    lines = [header, "|---|" + "---|" * (2 * len(sizes))]

    def row(label, cell):
        lines.append(f"| {label} | " + " | ".join(cell(results[size][store]) for size in sizes for store in ("sqlite", "postgres")) + " |")

    row("import, events/s (peak RSS)", lambda r: f"{rate(r['import'])} ({r['import_rss']:.0f} MB)")
    row("snapshot rebuild after import, s", lambda r: f"{r['rebuild_s']:.2f}")
    row("single-event CLI append p50 / p99 (process start included)", lambda r: f"{r['append_p50']:.1f} / {r['append_p99']:.1f} ms")
    row("full replay in-process, events/s", lambda r: rate(r["replay"]))
    row("full replay via `state --format json`, events/s", lambda r: rate(r["replay_cli"]))
    row("as-of `shares` query p50, snapshots / none", lambda r: f"{r['q_subject_snap_p50']:.2f} / {r['q_subject_nosnap_p50']:.2f} ms")
    row("as-of whole `state` p50, snapshots / none", lambda r: f"{r['q_state_snap_p50']:.1f} / {r['q_state_nosnap_p50']:.1f} ms")
    row("`shares` through the CLI p50 (process start included)", lambda r: f"{r['q_cli']:.1f} ms")
    notes = [
        "",
        f"Medians of {runs} runs (appends: 15, CLI queries: 10; in-process queries: 100 random `shares`, 30 whole-state). "
        f"PostgreSQL 15 on a throw-away cluster from `Tools/pg-cluster` (loopback TCP, `fsync=off`), one connection per process. "
        f"Machine: {machine}.",
    ]
    return "\n".join(lines + notes)


def write_section(path, heading, text):
    """Replaces the --stores section of the Markdown file (or adds it at the end), keeping everything else."""
    existing = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
    section = f"{STORES_BEGIN}\n{heading}\n\n{text}\n{STORES_END}"
    if STORES_BEGIN in existing and STORES_END in existing:
        before, rest = existing.split(STORES_BEGIN, 1)
        updated = before + section + rest.split(STORES_END, 1)[1]
    else:
        updated = existing.rstrip("\n") + "\n\n" + section + "\n"
    with open(path, "w") as out:
        out.write(updated)


def run_stores(sizes, runs, work, markdown, log):
    # In /tmp: as root the server runs as `postgres`, which must reach the folder.
    cluster = tempfile.mkdtemp(prefix="bench-pg-")
    admin_url = subprocess.run([PG_CLUSTER, "start", cluster], check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    load = os.getloadavg()[0]
    results = {}
    try:
        for size in sizes:
            measure_stores(size, runs, work, admin_url, results, log)
    finally:
        subprocess.run([PG_CLUSTER, "stop", cluster], check=False)
        shutil.rmtree(cluster, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, load average before the run " \
              f"{load:.1f}, after {os.getloadavg()[0]:.1f}"
    text = stores_table(results, runs, machine)
    print(text)
    write_section(markdown, "## SQLite and PostgreSQL side by side (issue 14), `Tools/bench --stores`", text)
    log(f"done; wrote the --stores section of {markdown}")


def rate(value):
    return f"{value / 1e6:.2f}M/s" if value >= 1e6 else f"{value / 1e3:.1f}k/s"


def table(results, runs, machine):
    sizes = sorted(results)
    names = {1_000: "1k", 10_000: "10k", 100_000: "100k", 1_000_000: "1M"}
    header = "| measure | " + " | ".join(names.get(size, str(size)) for size in sizes) + " |"
    rule = "|---|" + "---|" * len(sizes)
    lines = [header, rule]

    def row(label, cell, figure=None):
        # With `figure`, each cell after the first also shows the growth over 10× fewer events.
        cells = []
        for index, size in enumerate(sizes):
            text = cell(results[size])
            previous = sizes[index - 1] if index > 0 else None
            if figure and previous and size == previous * 10:
                before, after = figure(results[previous]), figure(results[size])
                if before and before > 0:
                    text += f" ·{after / before:.1f}×"
            cells.append(text)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("import, events/s (peak RSS)", lambda r: f"{rate(r['import'])} ({r['import_rss']:.0f} MB)", lambda r: r["import"])
    row("floor: same rows, one executemany, default cache", lambda r: rate(r["floor"]))
    row("floor with the import's 32 MB page cache", lambda r: rate(r["floor_tuned"]))
    row("import ÷ floor (÷ tuned floor)", lambda r: f"{r['import'] / r['floor']:.2f}× ({r['import'] / r['floor_tuned']:.2f}×)")
    row("import with its snapshot rebuild ÷ floor (date order)",
        lambda r: f"{r['import_with_rebuild'] / r['floor']:.2f}×" if "import_with_rebuild" in r else "-")
    row("import in random date order, snapshots included, events/s (peak RSS)",
        lambda r: f"{rate(r['import_shuffled'])} ({r['import_shuffled_rss']:.0f} MB)" if "import_shuffled" in r else "-",
        lambda r: r.get("import_shuffled"))
    row("import in random date order ÷ floor (÷ the floor for the same rows in random date order)",
        lambda r: (f"{r['import_shuffled'] / r['floor']:.2f}×" if "import_shuffled" in r else "-")
        + (f" ({r['import_shuffled'] / r['floor_shuffled']:.2f}×)" if "floor_shuffled" in r else ""))
    row("eventsourcing append, events/s (peak RSS)", lambda r: f"{rate(r['es_append'])} ({r['es_append_rss']:.0f} MB)")
    row("import ÷ eventsourcing append", lambda r: f"{r['import'] / r['es_append']:.1f}×")
    row("snapshot rebuild after import, s (peak RSS)", lambda r: f"{r['rebuild_s']:.2f} ({r['rebuild_rss']:.0f} MB)", lambda r: r["rebuild_s"])
    row("full replay in-process, events/s (peak RSS)", lambda r: f"{rate(r['replay'])} ({r['replay_rss']:.0f} MB)", lambda r: r["replay"])
    row("full replay via `state --format json`, events/s (peak RSS)", lambda r: f"{rate(r['replay_cli'])} ({r['replay_cli_rss']:.0f} MB)",
        lambda r: r["replay_cli"])
    row("eventsourcing replay, events/s (peak RSS)", lambda r: f"{rate(r['es_replay'])} ({r['es_replay_rss']:.0f} MB)")
    row("replay ÷ eventsourcing replay", lambda r: f"{r['replay'] / r['es_replay']:.1f}×")
    row("as-of `shares` query p50 / p99, snapshots", lambda r: f"{r['q_subject_snap_p50']:.2f} / {r['q_subject_snap_p99']:.2f} ms",
        lambda r: r["q_subject_snap_p50"])
    row("as-of `shares` query p50 / p99, no snapshots", lambda r: f"{r['q_subject_nosnap_p50']:.2f} / {r['q_subject_nosnap_p99']:.2f} ms",
        lambda r: r["q_subject_nosnap_p50"])
    row("as-of whole `state` p50 / p99, snapshots", lambda r: f"{r['q_state_snap_p50']:.1f} / {r['q_state_snap_p99']:.1f} ms",
        lambda r: r["q_state_snap_p50"])
    row("as-of whole `state` p50 / p99, no snapshots", lambda r: f"{r['q_state_nosnap_p50']:.1f} / {r['q_state_nosnap_p99']:.1f} ms",
        lambda r: r["q_state_nosnap_p50"])
    row("query peak RSS (shares / state)", lambda r: f"{r['q_subject_snap_rss']:.0f} / {r['q_state_snap_rss']:.0f} MB",
        lambda r: r["q_state_snap_rss"])
    row("`shares` through the CLI p50 (process start included)", lambda r: f"{r['q_cli_p50']:.1f} ms", lambda r: r["q_cli_p50"])
    row("`terms` through the CLI p50 (process start included)",
        lambda r: f"{r['q_cli_terms_p50']:.1f} ms" if "q_cli_terms_p50" in r else "-", lambda r: r.get("q_cli_terms_p50"))
    row("single-event CLI append p50 / p99 (peak RSS)", lambda r: f"{r['append_p50']:.1f} / {r['append_p99']:.1f} ms ({r['append_rss']:.0f} MB)",
        lambda r: r["append_p50"])
    row("verify, events/s (peak RSS)", lambda r: f"{rate(r['verify'])} ({r['verify_rss']:.0f} MB)", lambda r: r["verify"])
    row("ledger file size", lambda r: f"{r['db_mb']:.0f} MB", lambda r: r["db_mb"])
    notes = [
        "",
        f"Medians of {runs} runs (eventsourcing at 1M: {max(1, runs - 1)}); query latencies over 300 random dates and companies "
        f"(whole state: 100, at 1M 30), in one process after one warm-up query. Binaries: release build with the Swift runtime "
        f"linked statically (`--static-swift-stdlib`). Machine: {machine}.",
        "",
        "`·r×` after a figure: that figure divided by the same figure at 10× fewer events (for rates the first number; "
        "for query rows the p50; for memory the `state` query). A rate that stays at 1.0× costs the same per event "
        "(linear in total); a time or size at 1.0× is flat, at 10× linear, above 10× worse than linear.",
    ]
    return "\n".join(lines + notes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 1M-event history")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stores", action="store_true", help="only SQLite and PostgreSQL side by side (starts its own cluster)")
    parser.add_argument("--sizes", help="comma-separated history sizes instead of the default ones (e.g. 1000,10000)")
    parser.add_argument("--markdown", default=os.path.join(ROOT, "Tools", "bench-results.md"))
    parser.add_argument("--json", default=os.path.join(ROOT, "Tools", "bench-out", "results.json"))
    args = parser.parse_args()
    sizes = [1_000, 10_000, 100_000] + ([] if args.quick else [1_000_000])
    if args.sizes:
        sizes = sorted(int(size) for size in args.sizes.split(","))
    work = os.path.join(ROOT, "Tools", "bench-out")
    os.makedirs(work, exist_ok=True)
    started = time.time()

    def log(message):
        print(f"bench {time.time() - started:6.0f}s {message}", file=sys.stderr, flush=True)

    if args.stores:
        run_stores(sizes, args.runs, work, args.markdown, log)
        return
    results = {}
    for size in sizes:
        measure(size, args.runs, work, results, log)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, load average before the run " \
              f"{os.getloadavg()[0]:.1f}"
    text = table(results, args.runs, machine)
    print(text)
    with open(args.json, "w") as out:
        json.dump({str(k): v for k, v in results.items()}, out, indent=2)
    with open(args.markdown, "w") as out:
        out.write("# Benchmark results\n\n")
        out.write("Produced by `Tools/bench` (see the README). Ratios compare figures measured in the same run.\n\n")
        out.write(text + "\n")
    log(f"done; wrote {args.markdown}")


if __name__ == "__main__":
    main()
