"""Browser mode: the address of a search on a public engine, for the person's own browser.

The app sends nothing in this mode; the UI hands these URLs to the system browser. The engine
sees the search exactly as if the person had typed it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Engine:
    id: str
    name: str
    web: str                       # base address of a web search
    query_param: str = "q"
    images: str | None = None      # base address of an image search, None if the engine has none
    image_params: tuple[tuple[str, str], ...] = ()


ENGINES: dict[str, Engine] = {
    "google": Engine("google", "Google", "https://www.google.com/search",
                     images="https://www.google.com/search", image_params=(("tbm", "isch"),)),
    "bing": Engine("bing", "Bing", "https://www.bing.com/search",
                   images="https://www.bing.com/images/search"),
    "duckduckgo": Engine("duckduckgo", "DuckDuckGo", "https://duckduckgo.com/",
                         images="https://duckduckgo.com/", image_params=(("iax", "images"), ("ia", "images"))),
    # Startpage does have an image tab: the same search page with cat=images.
    "startpage": Engine("startpage", "Startpage", "https://www.startpage.com/sp/search", query_param="query",
                        images="https://www.startpage.com/sp/search", image_params=(("cat", "images"),)),
}


def _engine(engine: str) -> Engine:
    try:
        return ENGINES[engine.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown search engine {engine!r}; choose one of {', '.join(ENGINES)}") from None


def engine_has_images(engine: str) -> bool:
    """Whether browser_search_url(engine, ..., images=True) gives a real image search."""
    return _engine(engine).images is not None


def browser_search_url(engine: str, query: str, images: bool = False) -> str:
    """The https address of `query` on `engine`. With images=True on an engine without an image
    search, the web search is returned (engine_has_images() tells the UI to say so)."""
    spec = _engine(engine)
    query = " ".join(query.split())
    if images and spec.images is not None:
        return f"{spec.images}?{urlencode(((spec.query_param, query), *spec.image_params))}"
    return f"{spec.web}?{urlencode(((spec.query_param, query),))}"


def browser_url_for(search, engine: str) -> str:
    """The address for a PlannedSearch (image searches open the engine's image tab)."""
    return browser_search_url(engine, search.text, images=search.kind == "image")
