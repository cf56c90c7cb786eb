"""The annual report (s17A(3)(b)) as the plain HTML or Markdown page the Board publishes.

Every value that came from a user is escaped: HTML with ``html.escape``, Markdown by
backslash-escaping its punctuation, so a name or evidence text cannot inject markup.
"""
from __future__ import annotations

import re
from html import escape

ASSESSMENT_WORDS = {"in_accordance": "acted in accordance with the plan",
                    "partly": "acted partly in accordance with the plan",
                    "not_in_accordance": "did not act in accordance with the plan"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def _md(value) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value or "").split()))


def _title(report: dict) -> str:
    return (f"{report['contents']['board_name']}: annual report on the Children and Young "
            f"People's Plan, {report['year_start']} to {report['year_end']}")


def as_markdown(report: dict) -> str:
    """The report in Markdown."""
    c = report["contents"]
    lines = [f"# {_md(_title(report))}", "",
             f"Published {report['published_on'] or '(draft)'} under section 17A(3)(b) of the "
             "Children Act 2004.", "", "## The plan", ""]
    lines += [f"- {_md(p['title'])}, {p['period_start']} to {p['period_end']}"
              for p in c["plans"]]
    lines += ["", "## How far each partner acted in accordance with the plan", ""]
    for partner in c["partners"]:
        lines.append(f"### {_md(partner['organisation'])}")
        lines += [f"- {e['on']}: {ASSESSMENT_WORDS[e['assessment']]}. {_md(e['evidence'])}"
                  for e in partner["entries"]] or ["- No monitoring recorded."]
        lines.append("")
    lines += ["## Review of the plan", ""]
    lines += [f"- {_md(r['plan_title'])}: review concluded {r['concluded_on']} "
              f"({_md(r['outcome'])}). {_md(r['reason'])}" for r in c["reviews"]] \
        or ["- No review of the plan was concluded in the year."]
    lines += ["", "## Governance and partnership arrangements", "",
              _md(c["governance_assessment"]) or "Not recorded.", ""]
    return "\n".join(lines)


def as_html(report: dict) -> str:
    """The report as a plain, self-contained HTML page."""
    c = report["contents"]
    title = escape(_title(report))
    parts = [f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>{title}</title></head><body>", f"<h1>{title}</h1>",
             f"<p>Published {escape(str(report['published_on'] or '(draft)'))} under section "
             "17A(3)(b) of the Children Act 2004.</p>", "<h2>The plan</h2><ul>"]
    parts += [f"<li>{escape(p['title'])}, {p['period_start']} to {p['period_end']}</li>"
              for p in c["plans"]]
    parts.append("</ul><h2>How far each partner acted in accordance with the plan</h2>")
    for partner in c["partners"]:
        parts.append(f"<h3>{escape(partner['organisation'])}</h3><ul>")
        parts += [f"<li>{e['on']}: {ASSESSMENT_WORDS[e['assessment']]}. "
                  f"{escape(e['evidence'])}</li>" for e in partner["entries"]] \
            or ["<li>No monitoring recorded.</li>"]
        parts.append("</ul>")
    parts.append("<h2>Review of the plan</h2><ul>")
    parts += [f"<li>{escape(r['plan_title'])}: review concluded {r['concluded_on']} "
              f"({escape(r['outcome'])}). {escape(r['reason'] or '')}</li>"
              for r in c["reviews"]] \
        or ["<li>No review of the plan was concluded in the year.</li>"]
    parts.append("</ul><h2>Governance and partnership arrangements</h2>")
    parts.append(f"<p>{escape(c['governance_assessment'] or 'Not recorded.')}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
