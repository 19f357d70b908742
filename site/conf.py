"""Sphinx configuration of the course site: `make site` builds it from the committed, executed notebooks.

The notebooks are never executed here: every page shows the outputs stored by the last `make notebooks` run.
Sphinx reads documents only inside this folder, so each build first mirrors ../notebooks/NN_*.ipynb into
site/notebooks/ (ignored by git; new notebooks appear, deleted ones disappear).
"""

import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent
sys.path.insert(0, str(SITE / "_ext"))

from course_site import mirror_notebooks  # noqa: E402

mirror_notebooks(SITE.parent / "notebooks", SITE / "notebooks")

# The course's GitHub repository, "owner/name": the Binder and Colab links of every notebook page are built from it.
# Set it once the repository is published (a fork sets its own).
COURSE_REPO = "OWNER/embeddings-course"
COURSE_BRANCH = "main"

project = "Text embeddings, hands-on"
author = "The embeddings-course contributors"
copyright = "the embeddings-course contributors"

extensions = ["myst_nb", "sphinx-mathjax-offline", "course_site"]
root_doc = "index"
smartquotes = False  # show the notebooks' text as written
include_patterns = ["index.md", "instructors.md", "notebooks/[0-9][0-9]*_*.ipynb"]
exclude_patterns = ["_build"]

# myst-nb: show what the notebooks stored, never run them.
nb_execution_mode = "off"
nb_output_stderr = "remove"  # warnings and progress bars are not part of the lesson
nb_ipywidgets_js = {}  # progress-bar widgets are not rendered: no widget JavaScript from a CDN, the site works offline
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3

html_theme = "sphinx_book_theme"
html_title = project
html_favicon = "_static/favicon.svg"
html_context = {"default_mode": "auto"}  # light or dark, as the reader's system prefers
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
}

course_repo = COURSE_REPO
course_branch = COURSE_BRANCH
