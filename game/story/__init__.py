"""The pure story core: content model, YAML reading with positions, loader, state, runner.

Never imports pygame, so it can be driven from tests and command-line tools.
"""

from .loader import load_dialogue_file, load_story
from .problems import Pos, Problem, did_you_mean, sort_problems, summary
from .runner import Ended, Menu, MenuOption, Runner, RunnerError, Say
from .state import State, StateError

__all__ = [
    "Ended", "Menu", "MenuOption", "Pos", "Problem", "Runner", "RunnerError", "Say", "State", "StateError",
    "did_you_mean", "load_dialogue_file", "load_story", "sort_problems", "summary",
]
