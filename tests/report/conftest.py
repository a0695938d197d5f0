"""Fixtures for the report tests; the data itself is built in report_fixtures.py."""

from __future__ import annotations

import pytest
from report_fixtures import alex_input, council_branding, hostile_input

from socialsafe_desktop.report import ReportInput


@pytest.fixture
def alex() -> ReportInput:
    return alex_input()


@pytest.fixture
def alex_branded() -> ReportInput:
    return alex_input(branding=council_branding())


@pytest.fixture
def hostile() -> ReportInput:
    return hostile_input()
