"""Where kg finds its data folders: packaged in a wheel, else the checkout's top-level folders."""

from kg import config
from kg.config import ONTOLOGY_DIR, QUERIES_DIR, REPO_ROOT, data_folder


def test_config_checkout_reads_the_top_level_folders():
    # the test suite runs on an editable install, which has no packaged copy
    assert ONTOLOGY_DIR == REPO_ROOT / "ontology"
    assert QUERIES_DIR == REPO_ROOT / "queries"
    assert not (REPO_ROOT / "kg" / config.PACKAGED_DATA).exists()


def test_config_packaged_folder_wins(tmp_path, monkeypatch):
    (tmp_path / "package" / config.PACKAGED_DATA / "ontology").mkdir(parents=True)
    monkeypatch.setattr(config.resources, "files", lambda package: tmp_path / "package")
    assert data_folder("ontology") == tmp_path / "package" / config.PACKAGED_DATA / "ontology"
    assert data_folder("queries") == REPO_ROOT / "queries"  # not packaged there: the checkout's


def test_config_missing_everywhere_names_the_packaged_place(tmp_path, monkeypatch):
    monkeypatch.setattr(config.resources, "files", lambda package: tmp_path / "package")
    monkeypatch.setattr(config, "REPO_ROOT", tmp_path / "no-checkout")
    assert data_folder("ontology") == tmp_path / "package" / config.PACKAGED_DATA / "ontology"
