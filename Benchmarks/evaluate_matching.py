#!/usr/bin/env python3
"""How well `sitegen build` matches claims automatically, on labelled synthetic corpora.

    Benchmarks/evaluate_matching.py --articles 1000 --claims 100 --seed 1
    Benchmarks/evaluate_matching.py --sizes 1000 2000 --details          # claims = articles / 10
    Benchmarks/evaluate_matching.py --sizes 1000 10000 --hugo --out matching.md

For each size it writes a corpus with make_matching_corpus.py (under --work, on /dev/shm by
default), runs `sitegen build --no-cache --timings --content W/Content --output W/public` in the
repository (for its Templates/), reads
W/public/claims.json and scores the `match: "auto"` appearances against W/labels.json. With
--hugo it also times Debian's `hugo` on the same articles, in the same run. A build that fails
stops the run with its stderr and a non-zero exit status.

Words. Both texts are folded (typographic quotes, apostrophes and dashes to ASCII, lower case)
and cut into words: runs of letters and digits, with `,` `.` `'` kept between digits or letters
("24,000", "2.5", "it's") and `$` kept as a word of its own.

An auto appearance overlaps a planted sentence when, with Q its quote's words, P the planted
sentence's words and L the length of their longest common subsequence:
    L >= ceil(|Q| / 2) and L >= min(|Q|, 3)     the quote lies mostly inside the planted sentence
    or L == |P| and |Q| <= 2 |P|                the quote holds the whole planted sentence.
(The second condition makes a three-word quote such as "4 million people" from a decoy fail
to count for the planted "... 4 million exchanges ..." nearby.)

RIGHT / WRONG, once per (source, claim) that has at least one auto appearance:
  - RIGHT when one of its auto appearances overlaps an unlisted planted label with the same
    source and claim;
  - CURATED-AGAIN (left out of precision) when none does but one overlaps the claim's own listed
    reference or curated appearance in that source;
  - WRONG otherwise. Each wrong pair is explained by what its quote overlaps: another claim's
    planted sentence, a decoy, or nothing planted (filler or the title).
Recall: unlisted labels that name a claim (exact, hedge, misreport, paraphrase, spelling, cross)
found by a right auto appearance of that claim in that source, over all such labels; also per
variant. Precision = right / (right + wrong); F1 their harmonic mean.
Missed labels are also marked when the passage went to another claim, and when a claim file
cites the article (lists an appearance in it).
Misreport as figure: of the found `misreport` labels, the share whose appearance carries a
difference of kind `figure`; also over all misreport labels.
Decoy hits: decoy labels that some auto appearance in their source (of any claim) overlaps.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import make_matching_corpus  # noqa: E402

FOUND_VARIANTS = ["exact", "hedge", "misreport", "paraphrase", "spelling", "cross"]
DECOYS = ["decoy-template", "decoy-entity", "decoy-figure"]
FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
                      "‐": "-", "‑": "-", "\u00a0": " "})
WORD = re.compile(r"\$|[^\W_]+(?:[.,'][^\W_]+)*")


def words(text):
    return WORD.findall(text.translate(FOLD).lower())


def lcs(a, b):
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def overlaps(quote_words, planted_words):
    common = lcs(quote_words, planted_words)
    q, p = len(quote_words), len(planted_words)
    return (common >= math.ceil(q / 2) and common >= min(q, 3)) or (common == p and q <= 2 * p)


def default_sitegen():
    return os.path.join(ROOT, ".build", "release", "sitegen")


def accepts_thresholds(sitegen):
    text = subprocess.run([sitegen, "build", "--help"], capture_output=True, text=True).stdout
    return "--thresholds" in text


# ----------------------------------------------------------------------------- one run

def run_once(args, articles, claims, work, thresholds_ok):
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, f"corpus-{articles}-{claims}-{args.seed}")
    started = time.perf_counter()
    make_matching_corpus.generate(articles, claims, args.seed, corpus, hugo=args.hugo)
    generate_seconds = time.perf_counter() - started

    public = os.path.join(corpus, "public")
    command = [args.sitegen, "build", "--no-cache", "--timings", "--content", os.path.join(corpus, "Content"),
               "--output", public]
    if args.thresholds and thresholds_ok:
        command += ["--thresholds", args.thresholds]
    started = time.perf_counter()
    build = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)   # ROOT/Templates is the theme
    build_seconds = time.perf_counter() - started
    if build.returncode != 0 or not os.path.exists(os.path.join(public, "claims.json")):
        sys.stderr.write(build.stderr)
        sys.stderr.write(f"\nevaluate_matching: `{' '.join(command)}` failed with exit status {build.returncode}\n")
        sys.exit(build.returncode or 1)
    steps = {}
    for line in build.stderr.splitlines():
        match = re.match(r"^(\w+)\s+([\d.]+) ms wall", line)
        if match:
            steps[match.group(1)] = steps.get(match.group(1), 0.0) + float(match.group(2))
    warnings = sum(1 for line in build.stderr.splitlines() if ": warning: " in line)

    hugo_seconds = None
    if args.hugo:
        if shutil.which("hugo"):
            hugo_out = os.path.join(work, f"hugo-public-{articles}")
            shutil.rmtree(hugo_out, ignore_errors=True)
            started = time.perf_counter()
            subprocess.run(["hugo", "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", hugo_out], check=True,
                           stdout=subprocess.DEVNULL)
            hugo_seconds = time.perf_counter() - started
            shutil.rmtree(hugo_out, ignore_errors=True)
        else:
            print("evaluate_matching: `hugo` is not installed; no Hugo time", file=sys.stderr)

    with open(os.path.join(corpus, "labels.json"), encoding="utf-8") as f:
        labels = json.load(f)
    with open(os.path.join(public, "claims.json"), encoding="utf-8") as f:
        exported = json.load(f)
    result = score(labels, exported)
    result.update(articles=articles, claims=claims, seed=args.seed, generate_s=generate_seconds,
                  build_s=build_seconds, match_ms=steps.get("match"), steps=steps, warnings=warnings,
                  hugo_s=hugo_seconds, corpus=corpus)
    if not args.keep:
        shutil.rmtree(corpus, ignore_errors=True)
    return result


def score(labels, exported):
    planted = labels["planted"]
    for label in planted:
        label["words"] = words(label["text"])
    by_source = {}
    for label in planted:
        by_source.setdefault(label["source"], []).append(label)
    statements = {c["id"]: c.get("reference", {}).get("quote") or c["statement"] for c in exported["claims"]}

    autos = {}  # (source, claim) -> [appearance]
    for claim in exported["claims"]:
        for appearance in claim.get("appearances", []):
            if appearance.get("match") == "auto":
                appearance["words"] = words(appearance["quote"])
                autos.setdefault((appearance["source"], claim["id"]), []).append(appearance)

    right, wrong, again = [], [], []
    found = {}  # id(label) -> appearance
    why_wrong = {"another claim's planted sentence": 0, "a decoy": 0, "nothing planted": 0}
    for (source, claim), appearances in autos.items():
        here = by_source.get(source, [])
        mine = [l for l in here if l["claim"] == claim and not l["listed"]]
        hit = False
        for appearance in appearances:
            for label in mine:
                if overlaps(appearance["words"], label["words"]):
                    hit = True
                    found.setdefault(id(label), appearance)
        if hit:
            right.append((source, claim))
            continue
        listed = [l for l in here if l["claim"] == claim and l["listed"]]
        if any(overlaps(a["words"], l["words"]) for a in appearances for l in listed):
            again.append((source, claim))
            continue
        appearance = appearances[0]
        other = next((l for l in here if l["claim"] not in (None, claim) and overlaps(appearance["words"], l["words"])), None)
        decoy = next((l for l in here if l["claim"] is None and overlaps(appearance["words"], l["words"])), None)
        reason = ("another claim's planted sentence" if other else "a decoy" if decoy else "nothing planted")
        why_wrong[reason] += 1
        wrong.append({"source": source, "claim": claim, "quote": appearance["quote"], "score": appearance.get("score"),
                      "reason": reason, "overlaps": (other or decoy or {}).get("text"),
                      "overlaps_claim": (other or {}).get("claim"), "overlaps_variant": (other or decoy or {}).get("variant"),
                      "claim_reference": statements.get(claim)})

    targets = [l for l in planted if l["claim"] and not l["listed"] and l["variant"] in FOUND_VARIANTS]
    per_variant = {}
    for variant in FOUND_VARIANTS:
        mine = [l for l in targets if l["variant"] == variant]
        per_variant[variant] = (sum(1 for l in mine if id(l) in found), len(mine))
    hits = sum(1 for l in targets if id(l) in found)
    recall = hits / len(targets) if targets else 0.0
    precision = len(right) / (len(right) + len(wrong)) if right or wrong else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    misreports = [l for l in targets if l["variant"] == "misreport"]
    misreports_found = [l for l in misreports if id(l) in found]
    as_figure = sum(1 for l in misreports_found
                    if any(d.get("kind") == "figure" for d in found[id(l)].get("differences", [])))

    decoy_hits = {kind: 0 for kind in DECOYS}
    decoy_totals = {kind: 0 for kind in DECOYS}
    decoy_examples = []
    autos_by_source = {}
    for (source, claim), appearances in autos.items():
        autos_by_source.setdefault(source, []).extend((claim, a) for a in appearances)
    for label in planted:
        if label["variant"] not in DECOYS:
            continue
        decoy_totals[label["variant"]] += 1
        hit = next(((c, a) for c, a in autos_by_source.get(label["source"], []) if overlaps(a["words"], label["words"])), None)
        if hit:
            decoy_hits[label["variant"]] += 1
            decoy_examples.append({"source": label["source"], "variant": label["variant"], "text": label["text"],
                                   "claim": hit[0], "quote": hit[1]["quote"]})

    cited = {l["source"] for l in planted if l["listed"]}
    missed = []
    for l in targets:
        if id(l) in found:
            continue
        taken = sorted({c for c, a in autos_by_source.get(l["source"], []) if overlaps(a["words"], l["words"])})
        missed.append({"source": l["source"], "claim": l["claim"], "variant": l["variant"], "form": l.get("form"),
                       "text": l["text"], "claim_reference": statements.get(l["claim"]), "taken_by": taken,
                       "source_cited": l["source"] in cited})
    return {"auto": sum(len(a) for a in autos.values()), "pairs": len(autos), "right": len(right),
            "wrong": len(wrong), "again": len(again), "precision": precision, "recall": recall, "f1": f1,
            "targets": len(targets), "found": hits, "per_variant": per_variant,
            "misreport_figure_found": (as_figure, len(misreports_found)),
            "misreport_figure_all": (as_figure, len(misreports)),
            "decoy_hits": decoy_hits, "decoy_totals": decoy_totals, "why_wrong": why_wrong,
            "wrong_list": wrong, "missed_list": missed, "decoy_examples": decoy_examples}


# ----------------------------------------------------------------------------- report

def ratio(pair):
    done, total = pair
    return f"{done / total:.2f} ({done}/{total})" if total else "–"


def report(results, details, hugo):
    lines = ["| Articles | Claims | Seed | Auto appearances | Right | Wrong | Precision | Recall | F1 "
             "| Misreport as figure (found / all) | Match step (ms) | Build (s)" + (" | Hugo (s)" if hugo else "") + " |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|" + ("---:|" if hugo else "")]
    for r in results:
        f_found, f_all = r["misreport_figure_found"], r["misreport_figure_all"]
        figure = (f"{f_found[0] / f_found[1]:.2f}" if f_found[1] else "–") + " / " + \
                 (f"{f_all[0] / f_all[1]:.2f}" if f_all[1] else "–")
        match_ms = f"{r['match_ms']:.1f}" if r["match_ms"] is not None else "–"
        row = (f"| {r['articles']:,} | {r['claims']:,} | {r['seed']} | {r['auto']:,} | {r['right']:,} | {r['wrong']:,} "
               f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {figure} | {match_ms} | {r['build_s']:.2f}")
        if hugo:
            row += f" | {r['hugo_s']:.2f}" if r["hugo_s"] is not None else " | –"
        lines.append(row + " |")
    lines.append("")
    for r in results:
        lines.append(f"N = {r['articles']:,}, M = {r['claims']:,}: recall by variant: " +
                     ", ".join(f"{v} {ratio(r['per_variant'][v])}" for v in FOUND_VARIANTS) + ".")
        lines.append(f"  Decoys that became appearances: " +
                     ", ".join(f"{k} {r['decoy_hits'][k]}/{r['decoy_totals'][k]}" for k in DECOYS) +
                     f". Wrong pairs overlap: " + ", ".join(f"{k} {v}" for k, v in r["why_wrong"].items()) +
                     f". Curated passages matched again (not scored): {r['again']}. Missed: {len(r['missed_list']):,}, "
                     f"of which {sum(1 for m in r['missed_list'] if m['taken_by']):,} went to another claim and "
                     f"{sum(1 for m in r['missed_list'] if m['source_cited']):,} are in articles a claim file cites.")
        steps = ", ".join(f"{k} {v:.0f} ms" for k, v in r["steps"].items())
        lines.append(f"  Corpus written in {r['generate_s']:.1f} s; build steps (wall): {steps}; "
                     f"{r['warnings']:,} warnings.")
        if hugo and r["hugo_s"] is not None and r["match_ms"] is not None:
            verdict = "less" if r["match_ms"] / 1000 < r["hugo_s"] else "MORE"
            lines.append(f"  Match step {r['match_ms'] / 1000:.2f} s against Hugo {r['hugo_s']:.2f} s: {verdict} time than Hugo.")
    if len(results) >= 2 and all(r["match_ms"] for r in results):
        first, last = results[0], results[-1]
        lines.append(f"\nMatch step at N = {last['articles']:,} ÷ N = {first['articles']:,}: "
                     f"{last['match_ms'] / first['match_ms']:.2f} (articles ×{last['articles'] / first['articles']:.1f}).")
    if details:
        for r in results:
            lines += ["", f"### N = {r['articles']:,}, M = {r['claims']:,}: first 30 wrong", ""]
            for w in r["wrong_list"][:30]:
                lines.append(f"- `{w['source']}` → `{w['claim']}` (score {w['score']}): “{w['quote']}”")
                lines.append(f"  - claim: {w['claim_reference']}")
                lines.append(f"  - overlaps {w['reason']}" +
                             (f" ({w['overlaps_variant']}{', ' + w['overlaps_claim'] if w['overlaps_claim'] else ''}): "
                              f"{w['overlaps']}" if w["overlaps"] else ""))
            lines += ["", f"### N = {r['articles']:,}, M = {r['claims']:,}: first 30 missed", ""]
            for m in r["missed_list"][:30]:
                lines.append(f"- `{m['source']}` `{m['claim']}` {m['variant']}"
                             + (f" ({m['form']})" if m["form"] != m["variant"] else "") + f": {m['text']}")
                lines.append(f"  - claim: {m['claim_reference']}" +
                             (f"; the passage went to {', '.join(m['taken_by'])}" if m["taken_by"] else "") +
                             ("; a claim file cites this article" if m["source_cited"] else ""))
            if r["decoy_examples"]:
                lines += ["", f"### N = {r['articles']:,}, M = {r['claims']:,}: decoys matched (first 10)", ""]
                for d in r["decoy_examples"][:10]:
                    lines.append(f"- `{d['source']}` {d['variant']} → `{d['claim']}`: “{d['quote']}” in: {d['text']}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, help="one run with this many articles")
    parser.add_argument("--claims", type=int, help="claims per run (default: articles / 10)")
    parser.add_argument("--sizes", type=int, nargs="+", help="several runs, one per article count")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sitegen", default=default_sitegen(), help="the sitegen binary (default: %(default)s)")
    parser.add_argument("--work", default="/dev/shm/sitegen-matching", help="work folder (default: %(default)s)")
    parser.add_argument("--thresholds", help="passed to `sitegen build --thresholds` when the binary has that option")
    parser.add_argument("--hugo", action="store_true", help="also time hugo on the same articles")
    parser.add_argument("--details", action="store_true", help="list the first 30 wrong and 30 missed matches")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and built sites in --work")
    parser.add_argument("--json", help="also write every figure, wrong and missed match as JSON to this file")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    args = parser.parse_args()
    sizes = args.sizes or ([args.articles] if args.articles else None)
    if not sizes:
        parser.error("give --articles N or --sizes N1 N2 …")
    if not os.path.exists(args.sitegen):
        sys.exit(f"evaluate_matching: no sitegen binary at {args.sitegen}; build one or pass --sitegen")
    thresholds_ok = False
    if args.thresholds:
        thresholds_ok = accepts_thresholds(args.sitegen)
        if not thresholds_ok:
            print("evaluate_matching: this sitegen's build has no --thresholds option; ignoring --thresholds",
                  file=sys.stderr)
    results = []
    for size in sizes:
        claims = args.claims or max(1, size // 10)
        results.append(run_once(args, size, claims, args.work, thresholds_ok))
    text = report(results, args.details, args.hugo)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
