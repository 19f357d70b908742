"""nbval settings for the course: compare what a learner reads, not what varies.

Not compared: stderr (warnings, logging, tqdm progress bars), Jupyter widgets (tqdm's
notebook bars) and the Hugging Face Trainer's live HTML progress table. Loaded by the
repository's root conftest.py.
"""

from __future__ import annotations

from nbval.plugin import IPyNbCell


def is_volatile(output) -> bool:
    """True for outputs that change from run to run without the lesson changing."""
    if output.get("output_type") == "stream":
        return output.get("name") == "stderr"
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data:
        return True
    return "<progress" in str(data.get("text/html", ""))


_compare_outputs = IPyNbCell.compare_outputs


def compare_stable_outputs(self, test, ref, skip_compare=None):
    """nbval's comparison, after dropping volatile outputs on both sides."""
    keep = [o for o in test if not is_volatile(o)]
    keep_ref = [o for o in ref if not is_volatile(o)]
    return _compare_outputs(self, keep, keep_ref, skip_compare)


IPyNbCell.compare_outputs = compare_stable_outputs
