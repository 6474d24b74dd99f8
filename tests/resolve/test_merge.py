"""Resolution on hand-made extractions: no model needed."""

from kg.records import Article, Evidence, Extraction, Mention, Quote, Relation
from kg.resolve.merge import resolve


def article(doc_id):
    return Article(doc_id, doc_id + ".txt", doc_id, "", "")


def m(doc_id, start, text, type_, key=None, name=None):
    return Mention(doc_id, start, start + len(text), text, type_, key, name)


def ev(doc_id):
    return Evidence(doc_id, 0, 10, "sentence")


def test_merge_curated_keys_and_countries_across_documents(gazetteer):
    a = Extraction(article("a"), (m("a", 0, "NCA", "Agency", "national-crime-agency"),
                                  m("a", 10, "Bulgarian authorities", "Country", "country:BG")), (), ())
    b = Extraction(article("b"), (m("b", 0, "National Crime Agency", "Agency", "national-crime-agency"),), (), ())
    result = resolve([b, a], gazetteer)
    nca = result.entities["national-crime-agency"]
    assert nca.doc_ids == {"a", "b"}
    assert nca.aliases == {"NCA"}
    bulgaria = result.entities["bulgaria"]
    assert (bulgaria.type, bulgaria.iso_code, bulgaria.name) == ("Country", "BG", "Bulgaria")


def test_merge_surnames_and_titles_join_the_full_name(gazetteer):
    full = m("a", 0, "Yvette Cooper", "Person")
    holds = Relation(full, "holdsPosition", "Home Secretary", ev("a"), 0.9, "t")
    a = Extraction(article("a"), (full, m("a", 50, "Cooper", "Person")), (holds,), ())
    title = m("b", 0, "Home Secretary", "Title")
    surname = m("b", 30, "Cooper", "Person")
    quote = Quote(title, "We are taking strong and clear steps", ev("b"))
    b = Extraction(article("b"), (title, surname), (), (quote,))
    result = resolve([a, b], gazetteer)
    assert set(result.entities) == {"yvette-cooper"}
    assert result.entities["yvette-cooper"].aliases == {"Cooper", "Home Secretary"}
    assert [q.speaker for q in result.quotes] == ["yvette-cooper"]


def test_merge_ambiguous_surname_stays_apart(gazetteer):
    a = Extraction(article("a"), (m("a", 0, "Anna Smith", "Person"), m("a", 20, "John Smith", "Person"),
                                  m("a", 40, "Smith", "Person")), (), ())
    result = resolve([a], gazetteer)
    assert {"anna-smith", "john-smith"} <= set(result.entities)
    assert "smith" in result.entities  # not guessed into either


def test_merge_acronym_stated_in_text(gazetteer):
    long, short = m("a", 0, "Office of Migrant Affairs", "Agency"), m("a", 40, "OMA", "Organisation")
    a = Extraction(article("a"), (long, short), (), (), aliases=(("OMA", "Office of Migrant Affairs"),))
    result = resolve([a], gazetteer)
    assert set(result.entities) == {"office-of-migrant-affairs"}
    assert result.entities["office-of-migrant-affairs"].aliases == {"OMA"}


def test_merge_unknown_mentions_only_link_to_known_names(gazetteer):
    a = Extraction(article("a"), (m("a", 0, "Yvette Cooper", "Person"), m("a", 20, "Yvette Cooper", "Unknown"),
                                  m("a", 40, "Operation Sandstorm", "Unknown")), (), ())
    result = resolve([a], gazetteer)
    assert set(result.entities) == {"yvette-cooper"}


def test_merge_relations_between_resolved_entities_only(gazetteer):
    nca = m("a", 0, "NCA", "Agency", "national-crime-agency")
    vague = m("a", 20, "Unnamed Thing", "Unknown")
    rels = (Relation(nca, "operatesIn", m("a", 30, "Romania", "Country", "country:RO"), ev("a"), 0.8, "r"),
            Relation(nca, "supports", vague, ev("a"), 0.8, "r"))
    a = Extraction(article("a"), (nca, rels[0].object, vague), rels, ())
    result = resolve([a], gazetteer)
    assert [(r.subject, r.predicate, r.object) for r in result.relations] == [("national-crime-agency", "operatesIn", "romania")]


def test_merge_generic_title_joins_the_holder_in_the_same_article(gazetteer):
    person = m("a", 0, "Matteo Piantedosi", "Person")
    holds = Relation(person, "holdsPosition", "Interior Minister", ev("a"), 0.9, "t")
    title = m("a", 60, "minister", "Title")
    a = Extraction(article("a"), (person, title), (holds,), (Quote(title, "This is a decisive blow", ev("a")),))
    other = m("b", 0, "minister", "Title")
    b = Extraction(article("b"), (other,), (), (Quote(other, "Another statement entirely here", ev("b")),))
    result = resolve([a, b], gazetteer)
    assert [q.speaker for q in result.quotes] == ["matteo-piantedosi"]  # article b's "minister" is not guessed


def test_merge_surname_of_several_words_joins_the_full_name(gazetteer):
    a = Extraction(article("a"), (m("a", 0, "Erik van Dam", "Person"), m("a", 40, "Van Dam", "Person")), (), ())
    result = resolve([a], gazetteer)
    assert set(result.entities) == {"erik-van-dam"}
    assert result.entities["erik-van-dam"].aliases == {"Van Dam"}


def test_merge_short_name_of_a_body_joins_the_one_body_it_ends(gazetteer):
    a = Extraction(article("a"), (m("a", 0, "U.S. Coast Guard", "Agency", "united-states-coast-guard"),
                                  m("a", 40, "Coast Guard", "Agency")), (), ())
    b = Extraction(article("b"), (m("b", 0, "Hellenic Coast Guard", "Agency", "hellenic-coast-guard"),
                                  m("b", 30, "Turkish Coast Guard", "Agency"), m("b", 60, "Coast Guard", "Agency")), (), ())
    result = resolve([a, b], gazetteer)
    assert "Coast Guard" in result.entities["united-states-coast-guard"].aliases
    assert any(key.startswith("coast-guard") for key in result.entities)  # two candidates in b: left alone


def test_merge_a_body_named_by_generic_words_only_stays_within_its_country(gazetteer):
    a = Extraction(article("a"), (m("a", 0, "Oman", "Country", "country:OM"), m("a", 20, "Coast Guard", "Agency")),
                   (), ())
    b = Extraction(article("b"), (m("b", 0, "Tunisia", "Country", "country:TN"), m("b", 20, "Coast Guard", "Agency")),
                   (), ())
    c = Extraction(article("c"), (m("c", 0, "Omani", "Country", "country:OM"), m("c", 20, "Coast Guard", "Agency"),
                                  m("c", 40, "Royal Oman Police", "Agency")), (), ())
    result = resolve([a, b, c], gazetteer)
    guards = [e for e in result.entities.values() if e.name == "Coast Guard"]
    assert sorted(sorted(e.doc_ids) for e in guards) == [["a", "c"], ["b"]]
    assert "royal-oman-police" in result.entities  # a proper name is one entity wherever it is named


def test_merge_acronym_defined_in_the_article_wins_over_the_gazetteer(gazetteer):
    police = m("a", 0, "Australian Federal Police", "Agency")
    afp = m("a", 40, "AFP", "Organisation", "agence-france-presse", "Agence France-Presse")
    a = Extraction(article("a"), (police, afp), (), (), aliases=(("AFP", "Australian Federal Police"),))
    b = Extraction(article("b"), (m("b", 0, "AFP", "Organisation", "agence-france-presse", "Agence France-Presse"),), (), ())
    result = resolve([a, b], gazetteer)
    assert result.entities["australian-federal-police"].aliases == {"AFP"}
    assert result.entities["agence-france-presse"].doc_ids == {"b"}


def test_merge_keeps_the_name_as_written_after_its_title(gazetteer):
    text = "Home Secretary Yvette Cooper spoke. Cooper said more."
    a = Extraction(Article("a", "a.txt", "a", text, text), (), (), ())
    full, surname = m("a", 15, "Yvette Cooper", "Person"), m("a", 36, "Cooper", "Person")
    holds = Relation(full, "holdsPosition", "Home Secretary", ev("a"), 0.9, "t")
    elsewhere = Relation(surname, "holdsPosition", "minister", ev("a"), 0.9, "t")  # not written before the name
    a = Extraction(a.article, (full, surname), (holds, elsewhere), ())
    result = resolve([a], gazetteer)
    assert result.entities["yvette-cooper"].aliases == {"Cooper", "Home Secretary Yvette Cooper"}
