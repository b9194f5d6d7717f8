"""Harvest reports as their readers expect them: streamed, failures first, French numbers and times, links."""

from __future__ import annotations

import json
import os
from pathlib import Path

from convention_validator.harvest.report import (
    format_moment,
    format_number,
    html_chunks,
    is_web_address,
    json_chunks,
    to_html,
    to_json,
)
from convention_validator.harvest.results import HarvestReport, SourceResult


def _report(count: int = 3) -> HarvestReport:
    report = HarvestReport(started="2026-12-03T08:15:02Z", seconds=1234.5, validator_version="0.2", store="s")
    for number in range(count):
        status = "invalid" if number % 2 else "current"
        result = SourceResult(source=f"https://exemple.fr/c{number}.jsonld", status=status, action="loaded")
        result.count("error", number % 2)
        result.count("warning", 2)
        report.sources.append(result)
    return report


def test_streamed_json_is_the_report_as_a_dictionary() -> None:
    for count in (0, 1, 5):
        report = _report(count)
        assert json.loads(to_json(report)) == json.loads(json.dumps(report.to_dict()))
        assert len(list(json_chunks(report))) == count + 2  # one chunk per source: never the whole report at once


def test_counts_are_kept_per_severity() -> None:
    result = SourceResult(source="https://exemple.fr/a", status="invalid", action="not_loaded")
    result.count("error", 3)
    result.count("info")
    assert result.counts == {"error": 3, "warning": 0, "info": 1}
    assert result.to_dict()["counts"] == {"error": 3, "warning": 0, "info": 1}


def test_numbers_and_times_are_written_the_reader_s_way() -> None:
    assert format_number(1234.5, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    try:
        import time

        time.tzset()
        assert format_moment("2026-12-03T08:15:02Z", "fr") == "3 décembre 2026 à 09:15:02 UTC+1"
        assert format_moment("2026-07-03T08:15:02Z", "en").startswith("3 July 2026")
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
    assert format_moment("pas une date", "fr") == "pas une date"


def test_failures_come_first_and_the_filter_counts_them() -> None:
    page = to_html(_report(4))
    assert page.index("c1.jsonld") < page.index("c0.jsonld") and page.index("c3.jsonld") < page.index("c2.jsonld")
    assert "en échec (2)" in page and "toutes les sources (4)" in page and "sans échec (2)" in page
    assert "#show-failed:checked ~ table tbody tr:not(.failed)" in page
    assert page.count('<tr class="invalid failed">') == 2


def test_only_web_addresses_become_links() -> None:
    assert is_web_address("https://exemple.fr/a.jsonld") and is_web_address("HTTP://exemple.fr/")
    assert not is_web_address("javascript:alert(1)") and not is_web_address("/etc/passwd")
    assert not is_web_address("https://exemple.fr/a b")
    report = _report(1)
    report.sources.append(SourceResult(source="javascript:alert(1)", status="unreachable", action="not_loaded"))
    page = to_html(report)
    assert 'href="https://exemple.fr/c0.jsonld"' in page and 'href="javascript' not in page


def test_the_html_report_links_the_json_report_beside_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from convention_validator.cli import main

    listing = tmp_path / "sources.txt"
    listing.write_text("ftp://exemple.fr/convention.jsonld\n", encoding="utf-8")
    (tmp_path / "rapports").mkdir()
    html, data = tmp_path / "rapports" / "rapport.html", tmp_path / "rapport du jour.json"
    arguments = ["harvest", str(listing), "--store", str(tmp_path / "store"), "--no-progress"]
    result = CliRunner().invoke(main, [*arguments, "--report-json", str(data), "--report-html", str(html)])
    assert result.exit_code == 1, result.output
    assert 'href="../rapport%20du%20jour.json"' in html.read_text(encoding="utf-8")
    assert json.loads(data.read_text(encoding="utf-8"))["sources"][0]["status"] == "unreachable"


def test_html_is_rendered_piece_by_piece() -> None:
    assert len(list(html_chunks(_report(50)))) > 50
