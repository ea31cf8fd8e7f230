#!/usr/bin/env python3
"""Writes the bad-input corpus: one folder per case, each a small Content/
(and, where the case is about templates, a Templates/ overlay), made from
one good base site with one thing broken. `expected.txt`, the diagnostics
sitegen must print, is written by hand after reading what each case does;
this script never writes it. Run it to rebuild the folders after changing
the base site."""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

SITE = """title: Bad-input case
base_url: "https://example.org/case/"
publisher:
  name: Test desk
"""
ARTICLE = """---
title: "A statement"
publisher: Example Agency
kind: primary
date: 2026-01-05
---

The agency said 1,200 trucks crossed the bridge in January. It expects more in February.
"""
CLAIMS = """- id: trucks
  statement: About 1,200 trucks crossed the bridge in January.
  kind: figure
  speaker: Example Agency
  attribution: attributed
  reference:
    source: statement
    quote: "1,200 trucks crossed the bridge"
"""
PAGE = """---
title: Story
order: 1
---

The agency counted [1,200 trucks](claim:trucks).
"""

BASE = {"Content/site.yaml": SITE, "Content/articles/statement.md": ARTICLE,
        "Content/claims/claims.yaml": CLAIMS, "Content/pages/story.md": PAGE}

# name → files that differ from the base (None deletes the base file)
CASES = {
    "yaml-claims-bad-indentation": {"Content/claims/claims.yaml": CLAIMS.replace("  statement:", " statement:")},
    "yaml-claims-unclosed-quote": {"Content/claims/claims.yaml": CLAIMS.replace("speaker: Example Agency", 'speaker: "Example Agency')},
    "yaml-site-unclosed-quote": {"Content/site.yaml": SITE.replace('"https://example.org/case/"', '"https://example.org/case/')},
    "yaml-duplicate-key": {"Content/site.yaml": SITE + "title: Again\n"},
    "front-matter-unclosed": {"Content/articles/statement.md": ARTICLE.replace("date: 2026-01-05\n---", "date: 2026-01-05\n")},
    "front-matter-missing-on-page": {"Content/pages/story.md": "The agency counted [1,200 trucks](claim:trucks).\n"},
    "front-matter-malformed": {"Content/pages/story.md": PAGE.replace("order: 1", "order: [1")},
    "type-title-is-a-list": {"Content/pages/story.md": PAGE.replace("title: Story", "title: [Story, Other]")},
    "type-order-not-a-number": {"Content/pages/story.md": PAGE.replace("order: 1", "order: first")},
    "type-unknown-source-kind": {"Content/articles/statement.md": ARTICLE.replace("kind: primary", "kind: blog")},
    "type-appearances-not-a-list": {"Content/claims/claims.yaml": CLAIMS + "  appearances: statement\n"},
    "type-claims-file-not-a-list": {"Content/claims/claims.yaml": "id: trucks\nstatement: Trucks.\n"},
    "type-invalid-date": {"Content/articles/statement.md": ARTICLE.replace("2026-01-05", "2026-02-30")},
    "unknown-claim-field": {"Content/claims/claims.yaml": CLAIMS + "  rating: true\n"},
    "claim-status-retired": {"Content/claims/claims.yaml": CLAIMS.replace("attribution: attributed", "status: attributed")},
    "claim-unknown-verdict": {"Content/claims/claims.yaml": CLAIMS + "  verdict: true\n"},
    "verified-quote-in-a-news-article": {"Content/claims/claims.yaml": CLAIMS.replace("attribution: attributed", "attribution: verified"),
                                         "Content/articles/statement.md": ARTICLE.replace("kind: primary", "kind: news")},
    "missing-statement": {"Content/claims/claims.yaml": CLAIMS.replace("  statement: About 1,200 trucks crossed the bridge in January.\n", "")},
    "unknown-source-in-claim": {"Content/claims/claims.yaml": CLAIMS.replace("source: statement", "source: press-release")},
    "duplicate-claim-id": {"Content/claims/more.yaml": CLAIMS},
    "duplicate-source-id": {"Content/articles/statement.txt": " date 2026-01-06 The agency said 1,200 trucks crossed the bridge.\n"},
    "claim-id-leaves-output": {"Content/claims/claims.yaml": CLAIMS.replace("id: trucks", "id: ../../etc/passwd"),
                               "Content/pages/story.md": PAGE.replace("(claim:trucks)", "")},
    "claim-id-absolute-path": {"Content/claims/claims.yaml": CLAIMS.replace("id: trucks", "id: /tmp/claims"),
                               "Content/pages/story.md": PAGE.replace("(claim:trucks)", "")},
    "claim-id-nul-byte": {"Content/claims/claims.yaml": CLAIMS.replace("id: trucks", 'id: "tru\\0cks"'),
                          "Content/pages/story.md": PAGE.replace("(claim:trucks)", "")},
    "entity-id-leaves-output": {"Content/entities.yaml": "- id: ../agency\n  name: Example Agency\n  kind: organisation\n"},
    "entity-alias-twice": {"Content/entities.yaml": "- id: a\n  name: Agency\n  kind: organisation\n  aliases: [Bridge]\n"
                                                    "- id: b\n  name: Bridge\n  kind: organisation\n"},
    "quote-not-found": {"Content/claims/claims.yaml": CLAIMS.replace("1,200 trucks crossed the bridge", "1,300 trucks crossed the bridge")},
    "quote-ambiguous": {"Content/articles/statement.md": ARTICLE.replace("It expects more in February.", "Last year 1,200 trucks crossed the bridge too.")},
    "claim-link-to-nothing": {"Content/pages/story.md": PAGE.replace("claim:trucks", "claim:lorries")},
    "claims-file-broken-and-a-link-to-nothing": {"Content/claims/claims.yaml": CLAIMS.replace("  statement:", " statement:"),
                                                 "Content/pages/story.md": PAGE.replace("claim:trucks", "claim:lorries")},
    "key-claim-to-nothing": {"Content/pages/index.md": "---\ntitle: Home\nkey_claims: [trucks, buses]\n---\n\nSummary.\n"},
    "reserved-page-slug": {"Content/pages/articles.md": PAGE},
    "page-slug-not-allowed": {"Content/pages/my page!.md": PAGE},
    "reserved-source-id": {"Content/articles/index-2.html.txt": " date 2026-01-06 Another text.\n"},
    "source-id-with-a-space": {"Content/articles/wire story.txt": " date 2026-01-06 Another text.\n"},
    "article-not-utf8": {"Content/articles/latin1.txt": b" date 2026-01-06 Caf\xe9 owners said 40 trucks stopped.\n"},
    "article-nul-byte": {"Content/articles/nul.txt": b" date 2026-01-06 A text with a \x00 in it.\n"},
    "article-utf8-bom-is-fine": {"Content/articles/statement.md": "\ufeff" + ARTICLE},
    "article-crlf-is-fine": {"Content/articles/statement.md": ARTICLE.replace("\n", "\r\n"),
                             "Content/claims/claims.yaml": CLAIMS.replace("\n", "\r\n")},
    "empty-article": {"Content/articles/empty.txt": ""},
    "whitespace-only-article": {"Content/articles/blank.txt": "   \n\n  \n"},
    "site-corrections-page-missing": {"Content/site.yaml": SITE + "corrections: about\n"},
    "site-missing-base-url": {"Content/site.yaml": SITE.replace('base_url: "https://example.org/case/"\n', "")},
    "source-url-javascript": {"Content/articles/statement.md": ARTICLE.replace("kind: primary", "kind: primary\nurl: \"javascript:alert(1)\"")},
    "publisher-url-javascript": {"Content/site.yaml": SITE + "  url: \"javascript:alert(1)\"\n"},
    "site-base-url-javascript": {"Content/site.yaml": SITE.replace('"https://example.org/case/"', '"javascript:alert(1)"')},
    "sidecar-of-no-article": {"Content/articles/001_gazette.txt": " date 2026-01-06 The gazette said trucks crossed.\n",
                              "Content/articles/001_gazete.yaml": "publisher: The Gazette\n"},
    "sidecar-beside-markdown": {"Content/articles/statement.yaml": "publisher: Example Agency\n"},
    "date-prefix-impossible": {"Content/articles/wire.txt": " date 2026-02-30 The wire said trucks crossed.\n"},
    "date-prefix-malformed": {"Content/articles/wire.txt": " date 2026-2-3 The wire said trucks crossed.\n"},
    "sidecar-unknown-field": {"Content/articles/wire.txt": " date 2026-01-06 The wire said trucks crossed.\n",
                              "Content/articles/wire.yaml": "publisher: Wire\nsecret: yes\n"},
    "attributed-to-missing-source": {"Content/claims/claims.yaml": CLAIMS + "  appearances:\n    - source: statement\n"
                                     "      quote: \"It expects more in February.\"\n      attributed_to: press-release-2026\n"},
    "template-syntax-error": {"Templates/404.mustache": "{{<layout}}{{$main}}<p>{{#open}}never closed</p>{{/main}}{{/layout}}"},
    # The layout every page extends, with a section never closed: one error, where it opens.
    "template-unclosed-section-in-layout": {"Templates/layout.mustache": "<!DOCTYPE html>\n<html>\n<head>{{#description}}<meta name=\"description\" content=\"{{description}}\">\n</head>\n<body>{{$main}}{{/main}}</body>\n</html>\n"},
    "template-missing-partial": {"Templates/page.mustache": "{{<layout}}{{$main}}{{> sidebar}}{{/main}}{{/layout}}"},
    "template-unknown-variable": {"Templates/footer.mustache": "<footer>\n  <p>{{site.tittle}}, by {{site.publisher.name}}</p>\n</footer>\n"},
    "template-unknown-name-in-a-list": {"Templates/claims.mustache": "{{<layout}}{{$main}}<ol>{{#claims}}<li>{{statment}}</li>{{/claims}}</ol>{{/main}}{{/layout}}"},
    "output-is-content-folder": {"output.txt": "Content"},
    "output-is-root": {"output.txt": "/"},
}


def main():
    for name, changes in CASES.items():
        folder = os.path.join(HERE, name)
        expected = os.path.join(folder, "expected.txt")
        kept = open(expected).read() if os.path.exists(expected) else None
        shutil.rmtree(folder, ignore_errors=True)
        files = dict(BASE)
        files.update(changes)
        for path, text in files.items():
            if text is None:
                continue
            target = os.path.join(folder, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        if kept is not None:
            with open(expected, "w") as f:
                f.write(kept)


if __name__ == "__main__":
    main()
