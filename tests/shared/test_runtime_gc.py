"""A started service keeps its start-up objects out of full garbage collections."""

import gc

from shared.runtime import _tune_interpreter_for_serving


def test_start_up_objects_are_frozen_and_new_garbage_is_still_collected():
    try:
        _tune_interpreter_for_serving()
        assert gc.get_freeze_count() > 1000  # modules, models, compiled statements
        cycle = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # objects made after start-up are collected as before
    finally:
        gc.unfreeze()
