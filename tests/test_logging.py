import logging

from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.logging_setup import close_logging, redactor, setup_logging


def test_log_file_never_holds_names_emails_or_handles(tmp_path):
    path = setup_logging(tmp_path / "logs")
    profile = Profile([PersonName("Morgan Testcase")], [Handle("mtest_99", "x")], ["morgan@example.org"])
    redactor.set_private_strings(profile.private_strings())
    log = logging.getLogger("socialsafe.test")
    log.info("saved profile for Morgan Testcase (%s)", "morgan@example.org")
    log.warning("handle mtest_99 and @someone_else and other.person@example.net")
    try:
        raise ValueError("bad value for Testcase")
    except ValueError:
        log.exception("failed")
    close_logging()
    text = path.read_text()
    for secret in ("Morgan", "Testcase", "morgan@example.org", "mtest_99", "@someone_else",
                   "other.person@example.net"):
        assert secret not in text
    assert text.count("[redacted]") >= 6
    assert "ValueError" in text and "saved profile for" in text
    assert (path.stat().st_mode & 0o777) == 0o600
