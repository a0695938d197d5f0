"""The page that shows each step, by step id. A step without a page is not listed."""

from .about import AboutPage
from .plan import PlanPage
from .platforms import PlatformsPage
from .search import SearchPage
from .settings import HabitsPage, SettingsPage
from .welcome import WelcomePage

PAGE_CLASSES = {page.step_id: page for page in (WelcomePage, AboutPage, SearchPage, PlatformsPage, SettingsPage,
                                                HabitsPage, PlanPage)}
