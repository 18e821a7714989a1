"""The technology hierarchy as a Mermaid flowchart and as a nested list, both from parent relations."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..models import Technology
from ..paths import technology_page
from .markdown import PageContext, data_note, link, text

ROOT_ID = "ai"
ROOT_LABEL = "Artificial intelligence"


def mermaid_label(value: str) -> str:
    """Quote a node label for Mermaid, turning every unsafe character into an entity code."""
    safe = "".join(char if char.isalnum() or char in " .,'-/" else f"#{ord(char)};" for char in value)
    return f'"{safe}"'


def node_label(tech: Technology) -> str:
    """'Convolutional neural network (CNN)'."""
    return f"{tech.name} ({tech.abbreviation})" if tech.abbreviation else tech.name


def hierarchy_mermaid(kb: KnowledgeBase) -> str:
    """Mermaid flowchart source: solid arrows for 'contains', dashed for 'built on'."""
    lines = ["flowchart TD", f"  {ROOT_ID}[{mermaid_label(ROOT_LABEL)}]"]
    lines += [f"  {tech.id}[{mermaid_label(node_label(tech))}]" for tech in kb.technologies.values()]
    for tech in kb.technologies.values():
        for parent in tech.parents or [ROOT_ID]:
            lines.append(f"  {parent} --> {tech.id}")
    for tech in kb.technologies.values():
        for base in tech.built_on:
            lines.append(f"  {tech.id} -. built on .-> {base}")
    return "\n".join(lines)


def hierarchy_list(kb: KnowledgeBase, page: PageContext) -> str:
    """The same hierarchy as a nested Markdown list (readable without JavaScript)."""

    def branch(parent_id: str | None, depth: int) -> list[str]:
        lines = []
        children = [t for t in kb.technologies.values() if (parent_id in t.parents if parent_id else not t.parents)]
        for child in children:
            built_on = ", ".join(text(kb.technologies[b].name) for b in child.built_on)
            suffix = f" (built on {built_on})" if built_on else ""
            lines.append("    " * depth + f"- {link(text(node_label(child)), page.link_to(technology_page(child.id)))}{suffix}")
            lines += branch(child.id, depth + 1)
        return lines

    return "\n".join([f"- {text(ROOT_LABEL)}", *branch(None, 1)])


def hierarchy_diagram(kb: KnowledgeBase, page: PageContext) -> str:
    """Diagram, legend and a text version, with the data files it comes from."""
    return "\n\n".join(
        [
            f"``` mermaid\n{hierarchy_mermaid(kb)}\n```",
            'Solid arrows read "contains"; dashed arrows read "is built on". A technology can sit inside more than one parent.',
            '<details class="note" markdown="1">\n<summary>Text version of the diagram</summary>\n\n'
            + hierarchy_list(kb, page)
            + "\n\n</details>",
            data_note(page, ["data/technologies/"]),
        ]
    )
