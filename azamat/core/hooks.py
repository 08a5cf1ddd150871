"""How apps contribute to shared pages and tools without the lower layers importing them: each app may have a
module of a given name (`home`, `dashboard`, `profile`, `seed`), and the page asks for all of them."""

import importlib
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """`<app>.<name>` of every Azamat app that has one, in INSTALLED_APPS order; an import error inside such a
    module is raised, not taken for its absence."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("azamat."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{name}":
                raise
    return modules


@dataclass
class Action:
    """A card of the workspace, as each app's `dashboard` module gives them: what waits, in a title, a sentence
    and a link."""

    title: str
    description: str
    url: str
    general: bool = (
        False  # a page anyone may use (the dashboard, proposing a problem): listed after the tasks
    )
