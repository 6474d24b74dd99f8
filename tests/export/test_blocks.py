"""Subject blocks: a rebuild reuses the last build's blocks and still writes the bytes of a fresh build."""

from hypothesis import given, settings as hsettings, strategies as st
from rdflib import RDF, RDFS

from kg.builder import BuildOptions, build
from kg.config import REPO_ROOT, Settings
from kg.export import writers
from kg.export.block_store import BLOCKS_FILE, BlockWriter, open_blocks
from kg.export.rdf_files import jsonld_context
from kg.graph.build import PREFIX_IRIS, new_graph
from kg.graph.terms import Lit, rdflib_graph

E = "https://kg.example.org/entity/"
KG = "https://kg.example.org/ontology#"


def same_objects(first, second):
    """The blocks of `second` that are the very objects of `first` (reused, not made again)."""
    ids = {id(block) for block in first.by_digest.values()}
    return [block for block in second.by_digest.values() if id(block) in ids]


def write(triples, previous=None, prefixes=PREFIX_IRIS):
    namespaces = rdflib_graph((), prefixes)
    return writers.write(triples, namespaces, jsonld_context(namespaces), previous)


def graph(*extra):
    return [
        (E + "a", str(RDF.type), KG + "Person"), (E + "a", str(RDFS.label), Lit("A")),
        (E + "b", str(RDF.type), KG + "Agency"), (E + "b", str(RDFS.label), Lit("B")),
        (E + "a", KG + "memberOf", E + "b"), *extra,
    ]


def test_unchanged_subjects_reuse_their_blocks_and_changed_ones_are_made_again():
    _, first = write(graph())
    files, second = write(graph((E + "a", KG + "isoCode", Lit("GB"))), first)
    assert [block.turtle.split()[0] for block in same_objects(first, second)] == ["kge:b"]  # a changed, b did not
    assert files == write(graph((E + "a", KG + "isoCode", Lit("GB"))))[0]


def test_blocks_of_subjects_gone_are_dropped():
    _, first = write(graph((E + "c", str(RDFS.label), Lit("C"))))
    _, second = write(graph(), first)
    assert len(first.by_digest) == 3 and len(second.by_digest) == 2


def test_blocks_made_under_other_prefixes_are_not_reused():
    _, first = write(graph(), prefixes={**PREFIX_IRIS, "ent": E})
    files, second = write(graph(), first)
    assert first.fingerprint != second.fingerprint
    assert not same_objects(first, second)
    assert b"@prefix kge:" in files["turtle"] and b"@prefix ent:" not in files["turtle"]
    assert files == write(graph())[0]


_iris = st.sampled_from([E + "a", E + "b", E + "c-d", "urn:x:1", KG + "memberOf", KG + "Agency",
                         str(RDFS.label), str(RDF.type), str(RDFS.Class), "https://kg.example.org/doc/x_1"])
_objects = st.one_of(_iris, st.text(max_size=8).map(Lit), st.integers(0, 99).map(lambda i: Lit(str(i), str(
    "http://www.w3.org/2001/XMLSchema#integer"))), st.sampled_from([Lit("x", language="en"), Lit("", None)]))
_graphs = st.lists(st.tuples(_iris, _iris, _objects), max_size=20, unique=True)


@hsettings(max_examples=120, deadline=None)
@given(_graphs, _graphs)
def test_writing_with_any_previous_blocks_gives_the_fresh_bytes(before, after):
    _, previous = write(before)
    assert write(after, previous)[0] == write(after)[0]


def saved(cache_dir, blocks):
    writer = BlockWriter(cache_dir, blocks.fingerprint)
    for digest, block in blocks.by_digest.items():
        writer.put(digest, block)
    return writer.commit()


def test_block_store_round_trip_and_bad_files(tmp_path):
    _, blocks = write(graph())
    assert saved(tmp_path, blocks) is None
    reader = open_blocks(tmp_path)
    assert reader.fingerprint == blocks.fingerprint
    assert {digest: reader.get(digest) for digest in blocks.by_digest} == blocks.by_digest
    assert reader.get(b"not a digest") is None
    reader.close()
    (tmp_path / BLOCKS_FILE).write_bytes((tmp_path / BLOCKS_FILE).read_bytes()[:40])
    assert open_blocks(tmp_path) is None
    (tmp_path / BLOCKS_FILE).write_bytes(b"\x80\x05garbage")
    assert open_blocks(tmp_path) is None
    assert open_blocks(None) is None and open_blocks(tmp_path / "missing") is None
    assert [p.name for p in tmp_path.iterdir()] == [BLOCKS_FILE]  # no temporary file left


def test_block_store_write_failure_is_reported_not_raised(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    _, blocks = write(graph())
    assert saved(blocked, blocks)
    assert list(tmp_path.iterdir()) == [blocked]


def test_build_with_corrupt_blocks_file_writes_the_fresh_bytes(tmp_path):
    seeds = REPO_ROOT / "seeds"
    options = BuildOptions(cache_dir=tmp_path / "cache")
    build([seeds], tmp_path / "first", Settings(html=False), options=options)
    assert open_blocks(tmp_path / "cache") is not None
    (tmp_path / "cache" / BLOCKS_FILE).write_bytes(b"\x80\x05garbage")
    build([seeds], tmp_path / "again", Settings(html=False), options=options)
    for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
        assert (tmp_path / "again" / name).read_bytes() == (REPO_ROOT / "output" / name).read_bytes()
    assert open_blocks(tmp_path / "cache") is not None  # written again


def test_new_graph_binds_kg_prefixes_only():
    assert dict((p, str(n)) for p, n in new_graph().namespaces()) == PREFIX_IRIS


def test_blocks_are_made_again_when_the_writer_code_changes(monkeypatch):
    _, first = write(graph())
    monkeypatch.setattr(writers, "_code_version", lambda: "edited")
    _, second = write(graph(), first)
    assert first.fingerprint != second.fingerprint
    assert not same_objects(first, second)


def _block(n: int):
    return writers.Block(f"\nkge:s{n} a kg:X .\n", ("kge",), False, f"k{n}", f"{{\"@id\": \"s{n}\"}}")


def _digest(n: int) -> bytes:
    return n.to_bytes(16, "big")


def _stored(cache_dir, fingerprint="f"):
    from kg.export.block_store import BlockStore

    store = BlockStore(cache_dir, fingerprint)
    found = store.get_many([_digest(n) for n in range(10)])
    store.abort()
    return sorted(int.from_bytes(d, "big") for d in found)


def test_block_store_keeps_the_blocks_used_and_drops_the_others_in_place(tmp_path):
    from kg.export.block_store import BlockStore

    first = BlockStore(tmp_path, "f")
    for n in (1, 2, 3):
        first.put(_digest(n), _block(n))
    assert first.commit() is None
    assert _stored(tmp_path) == [1, 2, 3]
    second = BlockStore(tmp_path, "f")
    assert second.get_many([_digest(2), _digest(3), _digest(4)]).keys() == {_digest(2), _digest(3)}
    assert second.get(_digest(2)) == _block(2)
    for n in (2, 3, 4):  # 2 and 3 saved already, 4 new; 1 not used any more
        second.put(_digest(n), _block(n))
    assert second.commit() is None
    assert _stored(tmp_path) == [2, 3, 4]
    assert _stored(tmp_path, "other context") == []  # blocks of another fingerprint are not read
    assert [p.name for p in tmp_path.iterdir()] == [BLOCKS_FILE]


def test_block_store_changes_nothing_until_commit(tmp_path):
    from kg.export.block_store import BlockStore

    first = BlockStore(tmp_path, "f")
    first.put(_digest(1), _block(1))
    first.commit()
    failed = BlockStore(tmp_path, "f")
    failed.put(_digest(5), _block(5))
    failed.abort()  # a build that failed
    assert _stored(tmp_path) == [1]
    busy = BlockStore(tmp_path, "f")  # holds the file, as a build does until it commits
    other = BlockStore(tmp_path, "f")
    assert other.get_many([_digest(1)]) == {} and "in use by another build" in other.commit()
    busy.abort()
    assert _stored(tmp_path) == [1]


def test_block_store_starts_anew_from_a_file_it_cannot_read(tmp_path):
    from kg.export.block_store import BlockStore

    (tmp_path / BLOCKS_FILE).write_bytes(b"\x80\x05garbage")
    store = BlockStore(tmp_path, "f")
    store.put(_digest(7), _block(7))
    assert store.commit() is None
    assert _stored(tmp_path) == [7]
    writer = BlockWriter(tmp_path, "g")  # a file the whole-file writer made is read and updated in place too
    writer.put(_digest(8), _block(8))
    writer.commit()
    assert _stored(tmp_path, "g") == [8]
