"""The page that shows each step, by step id. A step without a page is not listed.

Pages are imported when first shown: the search and plan pages bring in the HTTP client and
the report renderer, which the first screen does not need.
"""

import importlib

PAGE_MODULES = {
    "welcome": ("welcome", "WelcomePage"),
    "about": ("about", "AboutPage"),
    "search": ("search", "SearchPage"),
    "accounts": ("accounts", "AccountsPage"),
    "platforms": ("platforms", "PlatformsPage"),
    "settings": ("settings", "SettingsPage"),
    "habits": ("settings", "HabitsPage"),
    "plan": ("plan", "PlanPage"),
    "changes": ("changes", "ChangesPage"),
}


def page_class(step_id: str):
    module, name = PAGE_MODULES[step_id]
    return getattr(importlib.import_module(f".{module}", __name__), name)
