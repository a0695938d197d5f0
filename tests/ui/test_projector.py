"""A trainer on a projector: a 1366x768 screen (the window maximised, less its title bar) and
every text size from the smallest to the largest. On every step and tab of the demo nothing
runs off the side or is cut off, and the step's main button stays in view."""

from __future__ import annotations

from window_walk import PROJECTOR, cut_off, main_button_problems, open_demo, views

from socialsafe_desktop.ui import style

SCALES = [round(style.MIN_SCALE + i * style.SCALE_STEP, 2)
          for i in range(round((style.MAX_SCALE - style.MIN_SCALE) / style.SCALE_STEP) + 1)]


def test_every_step_fits_a_projector_at_every_text_size(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path, PROJECTOR)
    problems = []
    for scale in SCALES:
        window.apply_text_scale(scale)
        for view in views(window, qtbot):
            found = cut_off(window.centralWidget()) + main_button_problems(window)
            if window.step_list.verticalScrollBar().maximum() > 0:
                found.append("the list of steps does not fit: it scrolls")
            problems += [f"{round(scale * 100)}% {view}: {p}" for p in found]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
