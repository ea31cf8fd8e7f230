#!/usr/bin/env python3
"""SiteGen against Hugo on the same synthetic corpus, in one run.

For each corpus size it measures, several times, with /usr/bin/time:
  - sitegen build, cold (no cache), output on tmpfs and on disk;
  - sitegen build after one article changed, then after one claim changed (with the build cache);
  - Debian's hugo on the same articles as Markdown with a trivial layout (tmpfs);
  - the cmark command-line program over the same bytes: the parsing floor.
It prints (and writes with --out) a Markdown report: medians of wall time,
CPU time and peak RSS, the ratios sitegen/Hugo and sitegen/floor, and
sitegen's own per-step timings from one extra cold build.

    Benchmarks/run.py --sizes 1000 10000 --claims 1000 --runs 3 --out Benchmarks/results.md
    Benchmarks/run.py --corpus english --sizes 1000 10000 --claims 1000 --runs 1 --out Benchmarks/results-english.md
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITEGEN = os.path.join(ROOT, ".build", "release", "sitegen")


def timed(command, cwd=None, stdin=None):
    """(wall s, cpu s, peak RSS MiB) of one run of `command`."""
    with tempfile.NamedTemporaryFile("r") as report:
        with open(os.devnull, "w") as devnull:
            subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", report.name] + command,
                           cwd=cwd, stdin=stdin, stdout=devnull, stderr=devnull, check=True)
        wall, user, system, rss = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def median(runs):
    return tuple(statistics.median(values) for values in zip(*runs))


def build(corpus, output, cache=None):
    command = [SITEGEN, "build", "--quiet", "--content", os.path.join(corpus, "Content"), "--output", output]
    command += ["--cache", cache] if cache else ["--no-cache"]
    return command


def change_one_article(corpus, run):
    articles = os.path.join(corpus, "Content", "articles")
    name = sorted(n for n in os.listdir(articles) if n.endswith(".txt"))[run % 7]
    with open(os.path.join(articles, name), "a") as f:
        f.write(f"\nA sentence added for rebuild number {run}.\n")


def change_one_claim(corpus, run):
    """Rewords the statement of one claim (a different one each run)."""
    folder = os.path.join(corpus, "Content", "claims")
    path = os.path.join(folder, sorted(n for n in os.listdir(folder) if n.endswith(".yaml"))[0])
    with open(path) as f:
        lines = f.read().split("\n")
    statements = [i for i, line in enumerate(lines) if line.lstrip().startswith("statement:")]
    i = statements[(run * 7) % len(statements)]
    lines[i] = lines[i].replace("statement:", f"statement: (edit {run})", 1) if '"' not in lines[i] else \
        lines[i].replace('statement: "', f'statement: "(edit {run}) ', 1)
    with open(path, "w") as f:
        f.write("\n".join(lines))


# The corpora: the synthetic one (invented words, one template) and the English-like one of the
# matching evaluation (Zipf-distributed common words, claims that share templates, near-duplicates).
CORPORA = {
    "synthetic": lambda size, claims, out: ["make_corpus.py", "--articles", str(size), "--claims", str(claims), "--out", out, "--hugo"],
    "english": lambda size, claims, out: ["make_matching_corpus.py", "--articles", str(size), "--claims", str(claims),
                                          "--seed", "2", "--out", out, "--hugo"],
}


def measure(size, claims, runs, tmpfs, disk, kind="synthetic"):
    corpus = os.path.join(tmpfs, f"corpus-{size}")
    shutil.rmtree(corpus, ignore_errors=True)
    script, *arguments = CORPORA[kind](size, claims, corpus)
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", script)] + arguments, check=True, stdout=subprocess.DEVNULL)
    results = {name: [] for name in ("cold-tmpfs", "cold-disk", "rebuild", "rebuild-claim", "hugo", "cmark")}
    out_tmpfs, out_disk = os.path.join(tmpfs, f"site-{size}"), os.path.join(disk, f"site-{size}")
    cache = os.path.join(tmpfs, f"cache-{size}")
    hugo_out = os.path.join(tmpfs, f"hugo-{size}")
    sources = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(corpus, "Content", "articles")) for f in fs)
    joined = os.path.join(tmpfs, f"all-{size}.md")
    with open(joined, "wb") as out:
        for path in sources:
            with open(path, "rb") as f:
                out.write(f.read() + b"\n\n")
    for run in range(runs):
        for path in (out_tmpfs, out_disk, cache, hugo_out):
            shutil.rmtree(path, ignore_errors=True)
        results["cold-tmpfs"].append(timed(build(corpus, out_tmpfs)))
        results["cold-disk"].append(timed(build(corpus, out_disk)))
        subprocess.run(build(corpus, out_tmpfs, cache), check=True, stderr=subprocess.DEVNULL)  # fills the cache
        change_one_article(corpus, run)
        results["rebuild"].append(timed(build(corpus, out_tmpfs, cache)))
        change_one_claim(corpus, run)
        results["rebuild-claim"].append(timed(build(corpus, out_tmpfs, cache)))
        results["hugo"].append(timed(["hugo", "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", hugo_out]))
        with open(joined, "rb") as stdin:
            results["cmark"].append(timed(["cmark"], stdin=stdin))
    steps = subprocess.run([SITEGEN, "build", "--quiet", "--no-cache", "--timings", "--content", os.path.join(corpus, "Content"),
                            "--output", out_tmpfs], capture_output=True, text=True, check=True).stderr
    steps = "\n".join(line for line in steps.splitlines() if ": warning: " not in line)
    pages = sum(len(fs) for _, _, fs in os.walk(out_tmpfs))
    megabytes = sum(os.path.getsize(p) for p in sources) / 1e6
    return {name: median(values) for name, values in results.items()}, steps, pages, megabytes


def report(sizes, claims, runs, measured, kind="synthetic"):
    lines = ["# Benchmark results", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}; "
             f"{subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.split()[1]} (Debian); "
             f"corpus: {kind}; M = {claims} claims; medians of {runs} runs; tmpfs is /dev/shm.", ""]
    for size in sizes:
        medians, steps, pages, megabytes = measured[size]
        hugo, floor = medians["hugo"], medians["cmark"]
        lines += [f"## N = {size:,} articles ({megabytes:.0f} MB of text; sitegen writes {pages:,} files)", "",
                  "| Run | Wall (s) | CPU (s) | Peak RSS (MiB) | Wall ÷ Hugo | Wall ÷ cmark |",
                  "|---|---:|---:|---:|---:|---:|"]
        for name, label in [("cold-tmpfs", "sitegen build, cold, output on tmpfs"), ("cold-disk", "sitegen build, cold, output on disk"),
                            ("rebuild", "sitegen build after one article changed (cache)"),
                            ("rebuild-claim", "sitegen build after one claim changed (cache)"), ("hugo", "hugo, trivial layout, tmpfs"),
                            ("cmark", "cmark over the same bytes (floor)")]:
            wall, cpu, rss = medians[name]
            lines.append(f"| {label} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {wall / hugo[0]:.2f} | {wall / max(floor[0], 0.01):.1f} |")
        lines += ["", "sitegen's own steps, one cold build on tmpfs (`--timings`):", "", "```", steps.strip(), "```", ""]
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = measured[large][0]["cold-tmpfs"][0] / measured[small][0]["cold-tmpfs"][0]
        lines += [f"Cold build wall at N = {large:,} ÷ N = {small:,}: {ratio:.1f}.", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tmpfs", default="/dev/shm/sitegen-bench")
    parser.add_argument("--disk", default=os.path.join(ROOT, ".build-bench"))
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="synthetic")
    parser.add_argument("--out")
    args = parser.parse_args()
    for tool in ("hugo", "cmark", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"benchmark: `{tool}` is missing; install Debian's hugo, cmark and time packages")
    subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True)
    os.makedirs(args.tmpfs, exist_ok=True)
    os.makedirs(args.disk, exist_ok=True)
    try:
        measured = {size: measure(size, args.claims, args.runs, args.tmpfs, args.disk, args.corpus) for size in args.sizes}
    finally:
        shutil.rmtree(args.tmpfs, ignore_errors=True)
        shutil.rmtree(args.disk, ignore_errors=True)
    text = report(args.sizes, args.claims, args.runs, measured, args.corpus)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
