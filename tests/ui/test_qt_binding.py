"""The Qt binding must not leak references when signals are emitted: a long search run emits
thousands of times, and PySide6 6.12.0 aborted the interpreter after a few thousand."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    any_value = Signal(object)
    flag = Signal(bool)
    pair = Signal(str, object)


def test_emitting_signals_keeps_reference_counts_balanced(qapp):
    emitter = Emitter()
    seen = []
    emitter.any_value.connect(lambda value: seen.append(value))
    emitter.flag.connect(lambda value: seen.append(value))
    emitter.pair.connect(lambda a, b: seen.append(b))
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.any_value.emit(None)
        emitter.flag.emit(True)
        emitter.pair.emit("x", None)
    seen.clear()
    # A leaking binding is off by one per emit (hundreds here); a stray local is off by one or two.
    assert abs(sys.getrefcount(True) - true_before) < 10
    assert abs(sys.getrefcount(None) - none_before) < 10
