"""The lifecycle diagram of one plan, drawn from the machine's table and rendered to SVG by
Graphviz's ``dot`` (Debian's ``graphviz`` package), offline.

Kept apart from the domain's core because it runs a program. The current state has a
double, bold border and "(now)" in its label; states and transitions on the path taken are
bold and states say "(passed)"; a legend in the drawing says so in words, and the SVG has
a title and description for screen readers. Nothing is told by colour alone.
"""
from __future__ import annotations

from html import escape

import graphviz

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import DomainError
from lifecycle.machine import PlanState, transition_table
from lifecycle.services.plan_history import plan_path

LEGEND = ("Legend: double bold border = current state (now); bold = path taken "
          "(passed); thin = not reached")


class DiagramUnavailable(DomainError):
    """Graphviz is not installed, so the diagram cannot be drawn."""

    code = "diagram_unavailable"


def _taken(steps: list[dict]) -> tuple[set[str], set[tuple[str, str, str]]]:
    states = {s["to_state"] for s in steps} | {s["from_state"] for s in steps if s["from_state"]}
    edges = {(s["from_state"], s["to_state"], s["event"]) for s in steps if s["from_state"]}
    return states, edges


def lifecycle_graph(state: str, steps: list[dict], title: str) -> graphviz.Digraph:
    """The machine's states and transitions, with ``state`` and the path ``steps`` marked."""
    visited, taken = _taken(steps)
    graph = graphviz.Digraph(name=title, graph_attr={
        "label": f"{title}\n{LEGEND}", "labelloc": "b", "rankdir": "LR", "fontsize": "12"},
        node_attr={"shape": "box", "style": "rounded", "fontname": "Helvetica"},
        edge_attr={"fontname": "Helvetica", "fontsize": "10"})
    for s in PlanState:
        if s.value == state:
            graph.node(s.value, f"{s.value}\n(now)", peripheries="2", penwidth="3",
                       style="rounded,bold,filled", fillcolor="#fff3bf")
        elif s.value in visited:
            graph.node(s.value, f"{s.value}\n(passed)", penwidth="2.5", style="rounded,bold")
        else:
            graph.node(s.value, s.value)
    for row in transition_table():
        for source in row["source"]:
            edge = (source.value, row["dest"].value, row["trigger"])
            bold = {"penwidth": "2.5", "style": "bold"} if edge in taken else {}
            graph.edge(source.value, row["dest"].value, label=row["trigger"], **bold)
    return graph


def _accessible(svg: str, title: str, description: str) -> str:
    """Name the drawing for assistive technology: role, title and description up front."""
    head, _, rest = svg.partition("<svg ")
    tag, _, body = rest.partition(">")
    return (f'{head}<svg role="img" aria-labelledby="diagram-title diagram-desc" {tag}>'
            f'<title id="diagram-title">{escape(title)}</title>'
            f'<desc id="diagram-desc">{escape(description)}</desc>{body}')


def render_svg(graph: graphviz.Digraph) -> str:
    """The graph as SVG text; ``DiagramUnavailable`` if Graphviz is missing."""
    try:
        return graph.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound as exc:
        raise DiagramUnavailable("the diagram needs Graphviz's dot program "
                                 "(Debian package graphviz)") from exc


def plan_diagram(uow: UnitOfWork, plan_id: int) -> str:
    """The plan's lifecycle as an accessible SVG with its current state and path marked."""
    path = plan_path(uow, plan_id)
    title = f"Lifecycle of plan {plan_id}: now {path['state']}"
    route = " -> ".join([path["steps"][0]["to_state"]] + [
        f"{s['to_state']} ({s['event']} on {s['on']})" for s in path["steps"][1:]]) \
        if path["steps"] else path["state"]
    svg = render_svg(lifecycle_graph(path["state"], path["steps"], title))
    return _accessible(svg, title, f"Path taken: {route}. {LEGEND}.")
