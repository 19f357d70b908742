"""A room without internet: `make usb` fills a wheelhouse with `pip download`, `make install-offline` installs from
it with PIP_NO_INDEX / PIP_FIND_LINKS. Tested on a tiny scale: one small wheel, a fresh virtual environment."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(folder: Path, name: str = "coursetiny", version: str = "0.1") -> Path:
    """Write a minimal pure-Python wheel of package ``name`` (an ``__init__`` that knows its version)."""
    dist_info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f'VERSION = "{version}"\n',
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    files[f"{dist_info}/RECORD"] = "\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def pip(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_install_from_a_wheelhouse_without_an_index(tmp_path):
    build_wheel(tmp_path / "pypi")  # stands in for PyPI
    wheelhouse = tmp_path / "stick" / "wheelhouse"
    # what `make usb` does, online (here: from the stand-in)
    stand_in = str(tmp_path / "pypi")
    fill = pip("download", "--no-index", "--find-links", stand_in, "--dest", str(wheelhouse), "coursetiny")
    assert fill.returncode == 0, fill.stderr
    assert [p.name for p in wheelhouse.iterdir()] == ["coursetiny-0.1-py3-none-any.whl"]

    # what `make install-offline WHEELHOUSE=...` does, in a fresh environment
    venv.create(tmp_path / "laptop", with_pip=False)
    python = tmp_path / "laptop" / "bin" / "python"
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse)}
    installed = pip("--python", str(python), "install", "coursetiny==0.1", env=offline)
    assert installed.returncode == 0, installed.stderr
    version = subprocess.run([python, "-c", "import coursetiny; print(coursetiny.VERSION)"], capture_output=True)
    assert version.stdout.decode().strip() == "0.1"

    # a package the stick lacks fails at once, with pip's own message, and never reaches for an index
    missing = pip("--python", str(python), "install", "coursetiny==0.2", env=offline)
    assert missing.returncode != 0
    assert "No matching distribution found for coursetiny==0.2" in missing.stderr


def test_make_usb_fills_wheelhouse_and_data(tmp_path):
    """`make usb` downloads torch and every pin into DEST/wheelhouse and the benchmark into DEST/data (dry run)."""
    dry = subprocess.run(
        ["make", "-n", "usb", f"DEST={tmp_path}"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert f'--dest "{tmp_path}/wheelhouse" pip setuptools torch==2.13.0 -r requirements.txt' in dry.stdout
    assert f'-m course_utils prefetch --data-dir "{tmp_path}/data"' in dry.stdout
    usage = subprocess.run(["make", "usb"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert usage.returncode != 0 and "usage: make usb DEST=/media/stick" in usage.stderr
