"""Sphinx extension for the course site: launch links on every notebook page, exercises shown as exercises.

- Under the title of each notebook page: open it in JupyterLab on your machine (after `make lab`), in Binder
  (which builds the environment from environment.yml) or in Colab, from the repository set in conf.py.
- In the "Exercises" section, each exercise (a paragraph that starts with a bold id such as **04.1**, up to the
  next one) is put in an "Exercise 04.1" box, with a note on how to solve and track them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes

NOTEBOOK_DIR = "notebooks/"
LOCAL_LAB = "http://localhost:8888/lab/tree/"  # `make lab` serves notebooks/ on JupyterLab's default port
EXERCISE_ID = re.compile(r"^\d\d[a-z]?\.\d+\b")  # **04.1**, **08b.2** or **09.1 — A name.**


def _stamp(path: Path) -> tuple[float, int]:
    stat = path.stat()
    return stat.st_mtime, stat.st_size


def mirror_notebooks(source: Path, mirror: Path) -> None:
    """Make ``mirror`` hold exactly the course notebooks ``source/NN_*.ipynb`` (new ones appear, deleted ones go).

    Copies keep their modification times, so Sphinx rebuilds only the pages whose notebook changed.
    """
    notebooks = sorted(source.glob("[0-9][0-9]*_*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks NN_topic.ipynb in {source}")
    mirror.mkdir(exist_ok=True)
    names = [path.name for path in notebooks]
    for stale in mirror.iterdir():
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.name not in names:
            stale.unlink()
    for path in notebooks:
        copy = mirror / path.name
        if not copy.exists() or _stamp(copy) != _stamp(path):
            shutil.copy2(path, copy)


def launch_urls(notebook: str, repo: str, branch: str) -> dict[str, str]:
    """The three places to open ``notebook`` ("04_pooling.ipynb"), by label.

    Example:
        >>> launch_urls("04_pooling.ipynb", "me/course", "main")["Colab"]
        'https://colab.research.google.com/github/me/course/blob/main/notebooks/04_pooling.ipynb'
    """
    return {
        "JupyterLab (local, after make lab)": f"{LOCAL_LAB}{notebook}",
        "Binder": f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab/tree/notebooks/{notebook}",
        "Colab": f"https://colab.research.google.com/github/{repo}/blob/{branch}/notebooks/{notebook}",
    }


def _launch_bar(notebook: str, repo: str, branch: str) -> nodes.paragraph:
    bar = nodes.paragraph(classes=["launch-links"])
    bar += nodes.strong(text="Open this notebook in: ")
    for i, (label, url) in enumerate(launch_urls(notebook, repo, branch).items()):
        if i:
            bar += nodes.Text(" · ")
        bar += nodes.reference(text=label, refuri=url, classes=["launch-link"])
    return bar


def _exercise_label(node: nodes.Node) -> str | None:
    """The bold text ("04.1", "09.1 — Your own noise.") that starts ``node``, taken out of it; None if no exercise."""
    if not isinstance(node, nodes.paragraph):
        return None
    first = next((child for child in node.children if child.astext().strip()), None)
    if isinstance(first, nodes.strong) and EXERCISE_ID.match(first.astext().strip()):
        node.remove(first)  # it becomes the box's title
        return first.astext().strip()
    return None


def _box_exercises(section: nodes.section) -> None:
    """Put each exercise of ``section`` (its id paragraph up to the next one) in an "exercise" box."""
    boxes: list[nodes.admonition] = []
    for child in list(section.children[1:]):  # [0] is the title
        label = _exercise_label(child)
        if label is not None:
            box = nodes.admonition(classes=["exercise"])
            box += nodes.title(text=f"Exercise {label}")
            section.replace(child, box)
            box += child
            boxes.append(box)
        elif boxes:
            section.remove(child)
            boxes[-1] += child
    if boxes:
        note = nodes.note()
        note += nodes.paragraph(
            "",
            "",
            nodes.Text(
                "Solve the exercises in your own copy of the notebook (open it with a link at the top of the page): "
                "each check prints “correct”, what is wrong, or “not solved yet”. In a terminal, "
            ),
            nodes.literal(text="python -m course_utils progress"),
            nodes.Text(" lists the exercises your saved notebooks solve."),
        )
        section.insert(1, note)


def add_launch_links_and_exercises(app, doctree: nodes.document) -> None:
    """doctree-read handler: decorate notebook pages."""
    docname = app.env.docname
    if not docname.startswith(NOTEBOOK_DIR):
        return
    notebook = docname.removeprefix(NOTEBOOK_DIR) + ".ipynb"
    first = next(iter(doctree.findall(nodes.section)), None)
    if first is None:
        raise ValueError(f"{docname}: a notebook page needs a '# NN · Title' heading")
    first.insert(1, _launch_bar(notebook, app.config.course_repo, app.config.course_branch))
    for section in doctree.findall(nodes.section):
        if section[0].astext().strip() == "Exercises":
            _box_exercises(section)


def setup(app):
    app.add_config_value("course_repo", "OWNER/embeddings-course", "env")
    app.add_config_value("course_branch", "main", "env")
    app.connect("doctree-read", add_launch_links_and_exercises)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
