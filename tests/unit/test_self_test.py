"""The self-test report: every check runs, failures and warnings are reported, exit codes."""

from __future__ import annotations

import io
import sys
import tempfile

import pytest

from app import self_test
from app.self_test import CheckFailedError, CheckResult, CheckWarning, Status


def _ok() -> str:
    return "all good"


def _warn() -> str:
    raise CheckWarning("limited")


def _fail() -> str:
    raise CheckFailedError("the plugin is missing")


def _crash() -> str:
    raise ZeroDivisionError("boom")


def test_every_check_runs_even_after_a_failure():
    results = self_test.run_checks(
        (("first", _fail), ("second", _crash), ("third", _warn), ("fourth", _ok))
    )
    assert [(r.name, r.status) for r in results] == [
        ("first", Status.FAIL),
        ("second", Status.FAIL),
        ("third", Status.WARN),
        ("fourth", Status.OK),
    ]
    assert results[0].detail == "the plugin is missing"
    assert "ZeroDivisionError" in results[1].detail  # unexpected errors name their type


def test_report_lists_each_check_and_the_verdict():
    out = io.StringIO()
    self_test.write_report(
        [CheckResult("Fonts", Status.OK, "3 families"), CheckResult("Keyring", Status.WARN, "x")],
        out,
    )
    text = out.getvalue()
    assert text.splitlines()[0].startswith("Participant Desk ")
    assert "  ok    Fonts    3 families" in text
    assert "  warn  Keyring  x" in text
    assert text.rstrip().endswith("Result: passed, 1 warning")


def test_report_of_a_failure_counts_it():
    out = io.StringIO()
    self_test.write_report([CheckResult("TLS", Status.FAIL, "no CA")], out)
    assert "  FAIL  TLS  no CA" in out.getvalue()
    assert "Result: FAILED (1 of 1 checks)" in out.getvalue()


@pytest.mark.parametrize(("check", "code"), [(_ok, 0), (_warn, 0), (_fail, 1), (_crash, 1)])
def test_exit_code_is_one_only_when_a_check_failed(monkeypatch, check, code):
    monkeypatch.setattr(self_test, "CHECKS", (("only", check),))
    monkeypatch.setattr(self_test.run_checks, "__defaults__", (self_test.CHECKS,))
    assert self_test.main(io.StringIO()) == code


def test_report_goes_to_a_file_when_there_is_no_console(monkeypatch, tmp_path):
    monkeypatch.setattr(self_test.run_checks, "__defaults__", ((("only", _ok),),))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    assert self_test.main() == 0
    assert "Result: passed" in (tmp_path / "participant-desk-self-test.txt").read_text()
