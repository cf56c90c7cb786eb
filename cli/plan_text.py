"""A plan view as plain text, for the command line."""
from __future__ import annotations


def describe(view: dict) -> str:
    lines = [
        f"plan {view['id']} (board {view['board_id']}, #{view['sequence']}): {view['title']}",
        f"  period {view['period_start']} to {view['period_end']}; state {view['state']}; "
        f"version {view['version']}; revision {view['revision']}",
        f"  published {view['published_on'] or '-'}; available events: "
        f"{', '.join(view['available_events']) or 'none'}",
        "  reg 4 checklist:",
    ]
    lines += [f"    {i['citation']:<17} {i['key']:<26} {i['status']}" for i in view["checklist"]]
    if view["consultees"]:
        lines.append("  consultees (reg 7):")
        lines += [f"    ({c['category']}) {c['name'] or 'none in the area: ' + (c['note'] or '')}"
                  f"{_answer(c)}" for c in view["consultees"]]
    if view["publication_channels"]:
        lines.append("  publication (reg 6):")
        lines += [f"    {c['citation']} {c['channel']} r{c['revision']} {c['done_on']} "
                  f"{c['url'] or c['place']}" for c in view["publication_channels"]]
    for r in view["reviews"]:
        lines.append(f"  review {r['id']}: opened {r['opened_on']}, concluded "
                     f"{r['concluded_on'] or '-'} ({r['outcome'] or 'open'})")
    return "\n".join(lines)


def _answer(c: dict) -> str:
    if c["none_in_area"]:
        return ""
    if c["responded_on"]:
        return f" - responded {c['responded_on']}"
    if c["declined"]:
        return " - declined"
    return f" - invited {c['invited_on'] or '-'}, due {c['response_due'] or '-'}"
