"""The pulse page's HTML (issue 16): the form, the thank-you page and the refusals.

Every document stands alone: inline CSS, no script, no image, no font, nothing from elsewhere,
so the strict Content-Security-Policy of desktop.pulse_page holds. The form posts to its own
address (no action attribute). Every text comes from ``PageText`` and is escaped here; the page
shows the questions and nothing of the manager's data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from focusmate.core.pulse import (
    ATTENTION_FIELD,
    ATTENTION_QUESTION,
    COMMENT_FIELD,
    COMMENT_MAX_CHARS,
    CONCERN_FIELD,
    CONCERN_QUESTION,
    HEARD_FIELD,
    HEARD_QUESTION,
    SCALE_HIGH,
    SCALE_LOW,
    Concern,
)


@dataclass(frozen=True)
class PageText:
    """Every sentence the page shows, in one language (``language``: its BCP 47 tag)."""

    language: str
    title: str
    intro: str
    heard_question: str
    concern_question: str
    attention_question: str
    scale_hint: str
    concern_yes: str
    concern_partly: str
    concern_no: str
    comment_label: str
    send: str
    thanks: str
    closed: str
    incomplete: str


def english_page_text() -> PageText:
    """The page in English, with the questions in the issue's words."""
    return PageText(
        language="en",
        title="Your one-on-one",
        intro="Three quick questions about our conversation. Your answers go only to me.",
        heard_question=HEARD_QUESTION,
        concern_question=CONCERN_QUESTION,
        attention_question=ATTENTION_QUESTION,
        scale_hint=f"{SCALE_LOW} = not at all, {SCALE_HIGH} = completely",
        concern_yes="Yes",
        concern_partly="Partly",
        concern_no="No",
        comment_label="Anything else? (optional)",
        send="Send",
        thanks="Thank you. Your answers are sent; you can close this page.",
        closed="This form is closed: it was answered already or it expired.",
        incomplete="Please answer the three questions.",
    )


_STYLE = (
    "body{font-family:sans-serif;max-width:34em;margin:1em auto;padding:0 1em;line-height:1.4}"
    "fieldset{border:1px solid #888;border-radius:.4em;margin:0 0 1em;padding:.6em}"
    "legend{font-weight:bold;padding:0 .3em}"
    ".choices{display:flex;flex-wrap:wrap;gap:.4em}"
    ".choices label{border:1px solid #888;border-radius:.3em;padding:.5em .8em}"
    "input:focus-visible,textarea:focus-visible,button:focus-visible"
    "{outline:3px solid #1a5fb4;outline-offset:2px}"
    "textarea{width:100%;box-sizing:border-box;font:inherit}"
    "button{font:inherit;padding:.6em 1.4em}"
    ".hint{color:#444;margin:.2em 0 .5em}"
    ".alert{border-left:4px solid #c01c28;padding-left:.6em}"
)


def _document(text: PageText, body: str) -> bytes:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(text.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(text.title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    ).encode()


def _choices(field: str, legend: str, hint: str, options: list[tuple[str, str]]) -> str:
    hint_id = f"{field}-hint"
    described = f' aria-describedby="{hint_id}"' if hint else ""
    parts = [f"<fieldset{described}><legend>{html.escape(legend)}</legend>"]
    if hint:
        parts.append(f'<p class="hint" id="{hint_id}">{html.escape(hint)}</p>')
    parts.append('<div class="choices">')
    for value, label in options:
        input_id = f"{field}-{value}"
        parts.append(
            f'<label for="{input_id}"><input type="radio" id="{input_id}" name="{field}" '
            f'value="{value}" required> {html.escape(label)}</label>'
        )
    parts.append("</div></fieldset>")
    return "".join(parts)


def form_page(text: PageText, *, incomplete: bool = False) -> bytes:
    """The form (``incomplete``: again, after a post that missed an answer)."""
    scale = [(str(n), str(n)) for n in range(SCALE_LOW, SCALE_HIGH + 1)]
    concern = [
        (Concern.YES.value, text.concern_yes),
        (Concern.PARTLY.value, text.concern_partly),
        (Concern.NO.value, text.concern_no),
    ]
    alert = (
        f'<p class="alert" role="alert">{html.escape(text.incomplete)}</p>' if incomplete else ""
    )
    body = (
        f"<h1>{html.escape(text.title)}</h1>{alert}<p>{html.escape(text.intro)}</p>"
        '<form method="post" accept-charset="utf-8">'
        + _choices(HEARD_FIELD, text.heard_question, text.scale_hint, scale)
        + _choices(CONCERN_FIELD, text.concern_question, "", concern)
        + _choices(ATTENTION_FIELD, text.attention_question, text.scale_hint, scale)
        + f'<p><label for="{COMMENT_FIELD}">{html.escape(text.comment_label)}</label><br>'
        f'<textarea id="{COMMENT_FIELD}" name="{COMMENT_FIELD}" rows="4" '
        f'maxlength="{COMMENT_MAX_CHARS}"></textarea></p>'
        f'<p><button type="submit">{html.escape(text.send)}</button></p></form>'
    )
    return _document(text, body)


def message_page(text: PageText, message: str) -> bytes:
    """A page with one sentence: the thanks, the form being closed, or a refusal."""
    return _document(text, f"<h1>{html.escape(text.title)}</h1><p>{html.escape(message)}</p>")
