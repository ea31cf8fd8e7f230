#!/usr/bin/env python3
"""Atomic publish, proven: SIGKILL `sitegen build` at random moments of its
write step, again and again, and check each time that the output folder is
the previous site or the new one, whole, never a mix.

Each round switches the content between two versions (one page differs),
starts a build, waits until the build's staging folder appears (the write
step has begun), sleeps a random fraction of a write, and kills it. Then the
output's tree hash must equal the hash of version A or of version B. A full
build follows, so the next round starts from a known site.

The output folder also holds files sitegen did not write (a CNAME, a `.git`
folder, as in a deploy checkout); they are part of both hashes, so a kill
that lost or changed one of them fails the loop.

    scripts/kill-loop.py --rounds 50
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tree_hash(folder):
    digest = hashlib.sha256()
    for directory, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            path = os.path.join(directory, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


def add_foreign_files(output):
    """What a deploy checkout holds besides the site: every build must carry it over."""
    for relative, data in [("CNAME", b"explainer.example.org\n"), (".git/HEAD", b"ref: refs/heads/gh-pages\n"),
                           (".git/objects/ab/cdef", bytes(range(256)) * 64)]:
        path = os.path.join(output, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sitegen = os.path.join(ROOT, ".build", "release", "sitegen")
    if not os.path.exists(sitegen):
        subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="sitegen-kill-")
    rng = random.Random(args.seed)
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_corpus.py"), "--articles", str(args.articles),
                        "--claims", "60", "--out", os.path.join(work, "corpus")], check=True)
        content = os.path.join(work, "corpus", "Content")
        page = os.path.join(content, "pages", "explainer-1.md")
        original = open(page).read()
        versions = {"A": original, "B": original + "\nOne more paragraph, in version B only.\n"}
        output = os.path.join(work, "public")
        hashes = {}
        for name, text in versions.items():
            open(page, "w").write(text)
            subprocess.run([sitegen, "build", "--quiet", "--no-cache", "--content", content, "--output", output],
                           check=True, stderr=subprocess.DEVNULL)
            if name == "A":
                add_foreign_files(output)
            hashes[name] = tree_hash(output)
        assert hashes["A"] != hashes["B"]
        current = "B"
        outcomes = {"old site": 0, "new site": 0}
        killed_in_write = 0
        for round_number in range(args.rounds):
            target = "A" if current == "B" else "B"
            open(page, "w").write(versions[target])
            cache = ["--no-cache"] if round_number % 2 else ["--cache", os.path.join(work, "cache")]
            build = subprocess.Popen([sitegen, "build", "--quiet", "--content", content, "--output", output] + cache,
                                     stderr=subprocess.DEVNULL)
            staging = os.path.join(work, f".public.sitegen-tmp-{build.pid}")
            deadline = time.time() + 60
            while not os.path.exists(staging) and build.poll() is None and time.time() < deadline:
                time.sleep(0.0005)
            if build.poll() is None:
                time.sleep(rng.uniform(0, 0.6))
                if build.poll() is None:
                    killed_in_write += 1
                build.send_signal(signal.SIGKILL)
            build.wait()
            found = tree_hash(output)
            if found == hashes[current]:
                outcomes["old site"] += 1
            elif found == hashes[target]:
                outcomes["new site"] += 1
            else:
                sys.exit(f"round {round_number}: the output is neither the old site nor the new one")
            subprocess.run([sitegen, "build", "--quiet", "--no-cache", "--content", content, "--output", output],
                           check=True, stderr=subprocess.DEVNULL)
            assert tree_hash(output) == hashes[target]
            current = target
        leftovers = [n for n in os.listdir(work) if ".sitegen-tmp-" in n]
        assert not leftovers, f"staging folders left behind: {leftovers}"
        print(f"kill loop: {args.rounds} rounds, {killed_in_write} builds killed during the write step; "
              f"afterwards the old site {outcomes['old site']} times, the new site {outcomes['new site']} times, a mix 0 times")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
