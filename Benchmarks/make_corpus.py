#!/usr/bin/env python3
"""Writes a synthetic SiteGen corpus (and the same articles as a Hugo site).

Deterministic: the same --articles, --claims and --seed give the same bytes.
Half the articles are raw .txt in the scraped seeds' format, half Markdown
with front matter. Each claim is written into about ten articles, with its
hedge varied; most of those places are listed in Content/claims/, the rest
are left for automatic matching. The text is made of invented words so that
no sentence repeats by accident.
"""
import argparse
import os
import random
import shutil

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vor", "du", "pel", "shi", "nor", "ab", "qui", "ze", "tor",
             "fal", "gri", "ul", "mes", "ban", "cor", "dri", "eth", "yo", "wen", "pra", "sil", "ost", "um"]
HEDGES = ["approximately", "more than", "over", "around", "nearly", "about"]
UNITS = ["shipments", "accounts", "exchanges", "visitors", "contracts", "requests", "tonnes", "licences"]


def words(rng, count):
    seen, result = set(), []
    while len(result) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            result.append(word)
    return result


class Corpus:
    def __init__(self, articles, claims, seed):
        self.rng = random.Random(seed)
        self.vocabulary = words(self.rng, 4000)
        self.names = [w.capitalize() for w in words(random.Random(seed + 1), 400)]
        self.articles = articles
        self.claims = claims

    def sentence(self):
        rng, v = self.rng, self.vocabulary
        n = rng.randint(9, 18)
        text = " ".join(rng.choice(v) for _ in range(n))
        return text[0].upper() + text[1:] + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 5)))

    def figure_text(self, value):
        return f"{value:,}"

    def build(self, out):
        rng = self.rng
        content = os.path.join(out, "Content")
        for sub in ("articles", "claims", "pages"):
            os.makedirs(os.path.join(content, sub), exist_ok=True)
        ids = [f"{i:05d}_{rng.getrandbits(40):010x}" if i % 2 == 0 else f"story-{i:05d}" for i in range(self.articles)]
        # Each article gets a list of inserted sentences: (sentence, claim index, wording, listed)
        inserts = {i: [] for i in range(self.articles)}
        unlisted = set(rng.sample(range(self.articles), self.articles // 10))
        claims = []
        values = rng.sample(range(1_000, 999_999), self.claims)
        places = [w.capitalize() for w in words(random.Random(7919 + self.claims), self.claims)]
        for j in range(self.claims):
            unit = UNITS[j % len(UNITS)]
            figure = self.figure_text(values[j])
            homes = rng.sample(range(self.articles), min(10, self.articles))
            reference = f"approximately {figure} {unit} through {places[j]}"
            appearances = []
            for k, home in enumerate(homes):
                hedge = "approximately" if k == 0 else rng.choice(HEDGES)
                wording = f"{hedge} {figure} {unit} through {places[j]}"
                speaker = rng.choice(self.names)
                inserts[home].append(f"{speaker} said that {wording} were recorded last year.")
                if k > 0 and home not in unlisted:
                    appearances.append((ids[home], wording))
            home = homes[0]
            claims.append({"id": f"claim-{j:04d}", "statement": f"About {figure} {unit} went through {places[j]}.",
                           "reference": (ids[home], reference), "appearances": appearances,
                           "unlisted_home": home in unlisted})
        for i, article_id in enumerate(ids):
            self.write_article(content, i, article_id, inserts[i])
        self.write_claims(content, claims)
        self.write_pages(content, claims)
        with open(os.path.join(content, "site.yaml"), "w") as f:
            f.write('title: "Synthetic benchmark corpus"\nbase_url: "https://example.org/bench/"\n'
                    'publisher:\n  name: "SiteGen benchmark"\nupdated: "2026-01-31"\n')
        return ids

    def body_blocks(self, sentences):
        """About 600 words: paragraphs, a heading, a list, a quotation, a link."""
        rng = self.rng
        blocks = []
        extra = list(sentences)
        for n in range(7):
            paragraph = self.paragraph()
            if extra and n % 2 == 0:
                paragraph += " " + extra.pop()
            blocks.append(("p", paragraph))
            if n == 2:
                blocks.append(("h", " ".join(rng.choice(self.vocabulary) for _ in range(4)).title()))
            if n == 3:
                blocks.append(("ul", [self.sentence() for _ in range(3)]))
            if n == 4:
                blocks.append(("q", f"“{self.sentence()}” {rng.choice(self.names)} said."))
            if n == 5:
                blocks.append(("link", f"https://example.org/{rng.choice(self.vocabulary)}/{rng.randint(1, 9999)}"))
        for sentence in extra:
            blocks.append(("p", self.paragraph() + " " + sentence))
        return blocks

    def write_article(self, content, i, article_id, sentences):
        date = f"2025-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}"
        blocks = self.body_blocks(sentences)
        title = " ".join(self.rng.choice(self.vocabulary) for _ in range(6)).capitalize()
        path = os.path.join(content, "articles", article_id)
        if article_id.startswith("story-"):
            lines = ["---", f'title: "{title}"', 'publisher: "Synthetic Daily"', f"date: {date}", "kind: news", "---", ""]
            for kind, value in blocks:
                if kind == "p": lines += [value, ""]
                elif kind == "h": lines += [f"## {value}", ""]
                elif kind == "ul": lines += [f"- {item}" for item in value] + [""]
                elif kind == "q": lines += [f"> {value}", ""]
                elif kind == "link": lines += [f"Read more at [the report]({value}).", ""]
            with open(path + ".md", "w") as f:
                f.write("\n".join(lines))
        else:
            lines = []
            for kind, value in blocks:
                if kind == "p": lines.append(value)
                elif kind == "h": lines.append(value)
                elif kind == "ul": lines += [f"  • {item}" for item in value]
                elif kind == "q": lines.append(value)
                elif kind == "link": lines.append(f"Read more at {value}")
                lines.append("")
            lines[0] = f" date {date} " + lines[0]
            with open(path + ".txt", "w") as f:
                f.write("\n".join(lines))

    def write_claims(self, content, claims):
        per_file = 100
        for start in range(0, len(claims), per_file):
            lines = []
            for claim in claims[start:start + per_file]:
                source, quote = claim["reference"]
                lines += [f"- id: {claim['id']}", f"  statement: \"{claim['statement']}\"", "  kind: figure",
                          "  speaker: Synthetic agency", "  attribution: attributed",
                          "  reference:", f"    source: {source}", f"    quote: \"{quote}\""]
                if claim["appearances"]:
                    lines.append("  appearances:")
                    for source, quote in claim["appearances"]:
                        lines += [f"    - source: {source}", f"      quote: \"{quote}\""]
                lines.append("")
            with open(os.path.join(content, "claims", f"claims-{start // per_file:03d}.yaml"), "w") as f:
                f.write("\n".join(lines))

    def write_pages(self, content, claims):
        for p in range(5):
            lines = ["---", f"title: \"Explainer {p + 1}\"", f"order: {p + 1}", "---", ""]
            for claim in self.rng.sample(claims, min(20, len(claims))):
                lines += [f"{self.paragraph()} See [this figure]({'claim:' + claim['id']}).", ""]
            with open(os.path.join(content, "pages", f"explainer-{p + 1}.md"), "w") as f:
                f.write("\n".join(lines))


def write_hugo(out, content):
    """The same articles as Markdown for Hugo, with a trivial layout."""
    hugo = os.path.join(out, "hugo")
    os.makedirs(os.path.join(hugo, "content", "articles"), exist_ok=True)
    os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(hugo, "config.toml"), "w") as f:
        f.write('baseURL = "https://example.org/bench/"\ntitle = "Benchmark"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n')
    layout = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><main>{{ .Content }}</main></body></html>\n')
    for name in ("single.html", "list.html"):
        with open(os.path.join(hugo, "layouts", "_default", name), "w") as f:
            f.write(layout)
    source = os.path.join(content, "articles")
    for name in sorted(os.listdir(source)):
        stem, ext = os.path.splitext(name)
        with open(os.path.join(source, name)) as f:
            text = f.read()
        if ext == ".txt":
            date, _, rest = text[len(" date "):].partition(" ")
            text = f"---\ntitle: \"{stem}\"\ndate: {date}\n---\n\n{rest}"
        else:
            # Hugo reads `url` in front matter as the page's own address; a source's address is not that.
            head, sep, body = text.partition("\n---\n")
            text = "\n".join(line for line in head.split("\n") if not line.startswith("url:")) + sep + body
        with open(os.path.join(hugo, "content", "articles", stem + ".md"), "w") as f:
            f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", required=True)
    parser.add_argument("--hugo", action="store_true", help="also write the articles as a Hugo site in OUT/hugo")
    args = parser.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    Corpus(args.articles, args.claims, args.seed).build(args.out)
    if args.hugo:
        write_hugo(args.out, os.path.join(args.out, "Content"))


if __name__ == "__main__":
    main()
