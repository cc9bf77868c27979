"""The Jinja2 environment: a site's own templates override the packaged ones file by file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

PACKAGED_TEMPLATES = "publisher._templates"


def packaged_templates_dir() -> Path:
    """The folder of default templates shipped inside the package."""
    return Path(str(resources.files(PACKAGED_TEMPLATES)))


def make_environment(
    site_templates: Path | None = None, *, auto_reload: bool = True
) -> Environment:
    """Autoescape for HTML/XML, StrictUndefined so a typo in a template fails loudly.

    ``auto_reload=False`` (a build) loads each template once instead of checking its file
    again before every page it renders.
    """
    loaders = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(FileSystemLoader(str(site_templates)))
    loaders.append(FileSystemLoader(str(packaged_templates_dir())))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=auto_reload,
    )
