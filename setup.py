"""Build step: the wheel carries the top-level `ontology/` and `queries/` folders as package data.

The metadata is in pyproject.toml. The folders stay where they are in the
repository (the only copy in git); building a wheel copies them to
`kg/_data/` in the build tree, where `kg.config.data_folder` finds them
through importlib.resources. An editable install reads them in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("ontology", "queries")  # keep in step with kg.config.data_folder and MANIFEST.in


class BuildPyWithData(build_py):
    """setuptools' build_py, then the data folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            for name in DATA_FOLDERS:
                self._copy_data_folder(Path(name), Path(self.build_lib, "kg", "_data", name))

    def _copy_data_folder(self, source: Path, target: Path) -> None:
        # A reused build/ folder may hold files since deleted from the source: start from an empty target.
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in sorted(source.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                self.copy_file(str(path), str(target / path.name))


setup(cmdclass={"build_py": BuildPyWithData})
