"""docs/guide.md, the guide for finance staff: each picture it shows is in the repository, is one that
docs/build_pictures.py renders, and is a real PNG; README points users at it first."""

from __future__ import annotations

import re
import runpy
import struct
from pathlib import Path

ROOT = Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "guide.md"
TEXT = GUIDE.read_text(encoding="utf-8")
LINKED = re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", TEXT)


def rendered_pictures() -> set[str]:
    """The pictures docs/build_pictures.py renders (run as a module, not as the script: nothing is built)."""
    script = runpy.run_path(str(ROOT / "docs" / "build_pictures.py"), run_name="build_pictures")
    return {f"pictures/{picture.name}.png" for picture in script["PICTURES"]}


def test_every_linked_picture_is_in_the_repository_and_is_a_png():
    assert len(LINKED) >= 10
    for caption, link in LINKED:
        path = GUIDE.parent / link
        assert path.is_file(), link
        head = path.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", link
        width, height = struct.unpack(">II", head[16:24])
        assert 150 <= width <= 1400 and 60 <= height <= 800, (link, width, height)  # cropped, not whole pages
        assert len(caption) > 20 and re.search("[\u0e00-\u0e7f]", caption), link  # a Thai caption saying what it shows


def test_the_pictures_are_the_ones_the_script_renders_and_no_others():
    rendered = rendered_pictures()
    linked = [link for _caption, link in LINKED]
    assert set(linked) == rendered and len(linked) == len(rendered)
    on_disk = {f"pictures/{path.name}" for path in (GUIDE.parent / "pictures").iterdir()}
    assert on_disk == rendered  # nothing stale left behind


def test_the_guide_covers_what_the_issue_asks_and_says_what_could_not_be_verified():
    headings = re.findall(r"^## (\d)\. (.+)$", TEXT, re.MULTILINE)
    assert [number for number, _title in headings] == [str(n) for n in range(1, 9)]
    for topic in ("setup-excel", "doctor", "Unblock", "Trust access to the VBA project object model", "#NAME?",
                  "ร่าง — พบข้อผิดพลาด", "เริ่มไตรมาสถัดไป", "etda-xl export", "ROOT_CAUSE"):  # fmt: skip
        assert topic in TEXT, topic
    assert "ไม่ได้ทดลองบน Excel จริง" in TEXT and "could not be" in TEXT


def test_the_contents_links_reach_the_headings():
    """GitHub's anchors: lower case, punctuation dropped, spaces to hyphens (Thai letters and marks kept)."""
    import unicodedata

    def anchor(title: str) -> str:
        kept = (ch for ch in title.lower() if ch in "-_ " or unicodedata.category(ch)[0] in "LMN")
        return "".join(kept).replace(" ", "-")

    anchors = {anchor(title) for title in re.findall(r"^## (.+)$", TEXT, re.MULTILINE)}
    for target in re.findall(r"\]\(#([^)]+)\)", TEXT):
        assert target in anchors, target


def test_readme_points_users_at_the_guide_before_anything_else():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 0 < readme.index("(docs/guide.md)") < readme.index("## ")
