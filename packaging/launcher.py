"""Entry point for the frozen bundle: the same `main` the `socialsafe` command runs.

With SOCIALSAFE_SELFTEST=locale the bundle instead prints one JSON line showing what Qt does with
the libraries and ICU data it was packaged with (dates, sorting, time-zone names, case mapping,
a text encoding, text drawn on screen) and exits; packaging/smoke_test.py checks the answers.
"""

import os
import sys


def locale_selftest() -> int:
    import json

    from PySide6.QtCore import QCollator, QDate, QLocale, QStringDecoder, QTimeZone
    from PySide6.QtWidgets import QApplication, QDateEdit, QLabel

    app = QApplication(sys.argv[:1])  # noqa: F841 (widgets need it alive)
    day = QDate(2027, 2, 21)
    edit = QDateEdit()  # as on the plan step
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setDate(day)
    out = {"plan_date": edit.text(), "en_US_long": QLocale("en_US").toString(day, QLocale.FormatType.LongFormat)}
    words = ["zebra", "éclair", "Apple", "apple", "Äpfel", "item 10", "item 9"]
    for name in ("en_GB", "en_US", "C", QLocale.system().name()):
        collator = QCollator(QLocale(name))
        collator.setNumericMode(True)
        out[f"sorted_{name}"] = sorted(words, key=collator.sortKey)
    out["upper"] = QLocale("en_GB").toUpper("straße")
    out["zone"] = QTimeZone(b"Europe/London").displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("en_GB"))
    out["windows_1252"] = QStringDecoder("windows-1252").isValid()
    label = QLabel(out["plan_date"])
    label.adjustSize()
    image = label.grab().toImage()
    colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    out["label_size"] = [image.width(), image.height()]
    out["label_colours"] = len(colours)  # 1 would mean nothing was drawn
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    if os.environ.get("SOCIALSAFE_SELFTEST") == "locale":
        sys.exit(locale_selftest())
    from socialsafe_desktop.cli import main

    sys.exit(main())
