"""Score a built graph against hand-made gold annotations (`kg eval`).

The gold format is one JSON file per source text (see tests/data/README.md):
entities with an id, a name, a type and aliases; relations
between entity ids (`holdsPosition` takes a title text instead); quotes as a
speaker id and the first words. Items marked `"optional": true` are neither
rewarded nor penalised.

The graph's vocabulary is matched by local name, so any RDF graph can be
judged, not only kg's: a class called `Agency`, `GovernmentOrganization` or a
subclass of either is an Agency; `rdfs:label`, `skos:prefLabel` or
`schema:name` is a label; a node typed `Quote` with a `speaker` and a `text` is
a quote. Scores are precision, recall and F1 over sets of keys, as spaCy's
`Scorer` does:

* entities: a gold entity is found when a node has its name or an alias
  (after `normalise`); a node matching nothing is spurious; two nodes for one
  gold entity are a split, reported but not an error here.
* typed entities: as above, and one of the entity's nodes has the gold type.
* relations: `(subject id, relation, object id)`, with `cooperatesWith`
  symmetric; a `holdsPosition` title matches when either normalised title
  contains the other. Only the types some gold file lists under
  `"relation_types"` are scored (a file without the key covers the six of
  DEFAULT_RELATION_TYPES), so a graph's `basedIn` and `locatedIn` triples
  count only where a gold file declares those types; `load_gold` refuses a
  file that annotates a relation of a type it does not declare. `inCountry`
  is never scored: gold annotates `locatedIn` as the text states it, and
  inCountry is what the GeoNames gazetteer knows, not what the text says.
* quotes: the same speaker, and the normalised `starts` is contained in the
  normalised quote text; each system quote can match one gold quote.

Example::

    scores = score(kg.query.load_graph(Path("output/graph.ttl")), [load_gold(Path("gold/a.json"))])
    print(scores.entities.f, format_text(scores))
"""


from kg.evaluate.gold import collect_gold_files, load_gold
from kg.evaluate.metrics import (
    DEFAULT_RELATION_TYPES,
    ENTITY_TYPES,
    PRF,
    RELATION_TYPES,
    SYMMETRIC_RELATIONS,
    Scores,
    local_name,
    normalise,
)
from kg.evaluate.report import failed_floors, format_text
from kg.evaluate.scoring import score

__all__ = [
    "DEFAULT_RELATION_TYPES", "ENTITY_TYPES", "PRF", "RELATION_TYPES", "SYMMETRIC_RELATIONS", "Scores",
    "collect_gold_files", "failed_floors", "format_text", "load_gold", "local_name", "normalise", "score",
]
