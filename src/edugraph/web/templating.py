"""The web face's Jinja templates and the helpers every one of them may call, for pages and standalone files alike."""
from __future__ import annotations

import jinja2

from ..present import short_iri
from ..validate import pick, short_name
from .describe import local_path
from .i18n import TEXTS


def document_name(iri) -> str | None:
    """A source document's name (003_1637ed538e816cf6) from its IRI, as the source text pages use it."""
    return str(iri).rsplit("/", 1)[-1] if iri else None


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("edugraph.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(href=local_path, short=short_iri, report_name=short_name, pick=pick, document=document_name)
    return env


def standalone(template: str, lang: str, **context) -> str:
    """A page written as one file: links name IRIs themselves (they dereference at w3id.org), source places are text."""
    texts = TEXTS[lang]
    return environment().get_template(template).render(
        lang=lang, t=lambda key: texts.get(key, key), href=str, standalone=True, **context)


def validation_report(report, lang: str) -> str:
    """`edugraph validate --format html`: the validation page's table of every result, with the site's style inline."""
    from importlib.resources import files

    from markupsafe import Markup

    from ..present import summary

    style = Markup(files("edugraph.web").joinpath("static", "style.css").read_text(encoding="utf-8"))
    return standalone("validation_report.html", lang, report=report, summary=summary(report), style=style)
