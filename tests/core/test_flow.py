from socialsafe_desktop.core.flow import JOURNEY, Step, WizardFlow

A, B, C, D = (Step(x, x.upper(), "") for x in "abcd")


def test_starts_at_first_step_and_records_it_as_visited():
    flow = WizardFlow([A, B, C])
    assert flow.current is A
    assert flow.visited == {"a"}
    assert not flow.can_go_back()
    assert flow.can_go_next()


def test_next_and_back_move_one_step_and_report_changes():
    seen = []
    flow = WizardFlow([A, B, C], on_change=seen.append)
    assert flow.go_next() and flow.current is B
    assert flow.go_next() and flow.current is C
    assert not flow.go_next() and flow.current is C
    assert flow.go_back() and flow.current is B
    assert seen == ["b", "c", "b"]


def test_only_visited_steps_and_the_next_one_can_be_jumped_to():
    flow = WizardFlow([A, B, C, D])
    assert flow.can_go_to("b")
    assert not flow.can_go_to("c")
    assert not flow.go_to("d") and flow.current is A
    flow.go_next()
    flow.go_next()
    assert flow.go_to("a") and flow.current is A
    assert flow.go_to("c") and flow.current is C  # visited before, so reachable again
    assert flow.can_go_to("d")


def test_restores_position_and_ignores_unknown_saved_steps():
    flow = WizardFlow([A, B, C], current="c", visited=["a", "b", "gone"])
    assert flow.current is C
    assert flow.visited == {"a", "b", "c"}
    assert WizardFlow([A, B], current="removed-step").current is A


def test_position_text_and_unknown_target():
    flow = WizardFlow([A, B, C], current="b", visited=["a"])
    assert flow.position_text() == "Step 2 of 3"
    assert not flow.can_go_to("nope")


def test_journey_starts_with_welcome_and_ends_with_the_plan():
    ids = [s.id for s in JOURNEY]
    assert ids[0] == "welcome" and ids[-1] == "plan" and "about" in ids
    assert len(set(ids)) == len(ids)


def test_a_re_check_has_what_changed_just_before_the_plan_and_a_first_audit_does_not():
    from socialsafe_desktop.core.flow import CHANGES, PLAN, journey

    assert journey(False) == JOURNEY
    steps = [s.id for s in journey(True)]
    assert steps.index(CHANGES.id) == steps.index(PLAN.id) - 1
    assert [s for s in steps if s != CHANGES.id] == [s.id for s in JOURNEY]
