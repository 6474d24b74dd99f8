import pytest

pytestmark = pytest.mark.model


def relations(extraction):
    def name(end):
        return end if isinstance(end, str) else (end.name or end.text)

    return {(name(r.subject), r.predicate, name(r.object)) for r in extraction.relations}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Home Secretary Yvette Cooper has said the plan will work.", ("Yvette Cooper", "holdsPosition", "Home Secretary")),
        ("Prime Minister Sir Keir Starmer chaired the meeting.", ("Keir Starmer", "holdsPosition", "Prime Minister")),
        ("NCA Director General of Operations Rob Jones said the gangs would be caught.",
         ("Rob Jones", "holdsPosition", "Director General of Operations")),
        ("NCA Director General of Operations Rob Jones said the gangs would be caught.",
         ("Rob Jones", "memberOf", "National Crime Agency")),
        ("The NCA has closely co-operated with Bulgarian authorities.", ("National Crime Agency", "cooperatesWith", "Bulgaria")),
        ("The UK Intelligence Community has been deploying covert capability to support the NCA.",
         ("UK Intelligence Community", "supports", "National Crime Agency")),
        ("The number of NCA officers stationed in Europol has risen.", ("National Crime Agency", "operatesIn", "Europol")),
        ("Frontex deployed 40 officers to Greece last week.", ("Frontex", "operatesIn", "Greece")),
        ("In Libya, British authorities are working with local police to target gangs.",
         ("United Kingdom", "cooperatesWith", "Libya")),
        ("Robert Jenrick said that Labour had surrendered to the smuggling gangs.",
         ("Robert Jenrick", "criticises", "Labour Party")),
        ("The NCA was supported by Border Force during the operation.", ("Border Force", "supports", "National Crime Agency")),
        ("The Conservative MP Tom Hale hit out at the Home Office over the delays.", ("Tom Hale", "criticises", "Home Office")),
        ("The Conservative MP Tom Hale hit out at the Home Office over the delays.", ("Tom Hale", "memberOf", "Conservative Party")),
        ("Britain has promised more support for France in the Channel.", ("United Kingdom", "supports", "France")),
        ("Spanish and Italian authorities then worked together in a joint investigation team.", ("Spain", "cooperatesWith", "Italy")),
        ("The operation was run jointly by the Guardia Civil and the Carabinieri.", ("Guardia Civil", "cooperatesWith", "Carabinieri")),
        ("Border Force, which supported the NCA with intelligence, said the raids worked.",
         ("Border Force", "supports", "National Crime Agency")),
        ("Maria Lindqvist, UNHCR’s representative in Greece, said the agency had recorded 27 incidents.",
         ("Maria Lindqvist", "holdsPosition", "representative")),
        ("The Cross-Border Task Force will be based in Montréal and in Burlington, Vermont.",
         ("Cross-Border Task Force", "operatesIn", "Burlington")),
        ("The Belgian authorities worked closely with Kent officers throughout the inquiry.",
         ("Belgium", "cooperatesWith", "Kent Police")),
        ("The Home Office said it was working with the Albanian government to speed up returns.",
         ("Home Office", "cooperatesWith", "Albanian Government")),
        ("Amnesty International said Italy was complicit in abuses.", ("Amnesty International", "criticises", "Italy")),
        ("Frontex said it had deployed a surveillance aircraft over the central Mediterranean.",
         ("Frontex", "operatesIn", "Mediterranean")),
        ("Spain and Morocco signed an agreement on border surveillance last year.", ("Spain", "cooperatesWith", "Morocco")),
        ("Cooperation between the Guardia Civil and the Moroccan gendarmerie has improved.",
         ("Guardia Civil", "cooperatesWith", "Morocco")),
        ("Homeland Security Investigations led the inquiry with the assistance of U.S. Border Patrol.",
         ("United States Border Patrol", "supports", "Homeland Security Investigations")),
    ],
)
def test_relations_found(extract_text, text, expected):
    assert expected in relations(extract_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "Europol and the Guardia Civil both published annual reports on Monday.",
        "The NCA said it had not worked with Belgian police on the case.",
        "Officials from Spain attended a conference in Austria.",
        "Spain and Morocco published reports last year.",
        "John Smith, a critic of the Home Office, said the plan would fail.",
        "The minister said that the NCA had lost contact with the boat.",
    ],
)
def test_relations_not_invented_from_co_occurrence(extract_text, text):
    found = {r for r in relations(extract_text(text)) if r[1] != "holdsPosition"}
    assert found == set()


def test_relations_carry_evidence_offsets(extract_text):
    text = "Intro line.\nThe NCA has closely co-operated with Bulgarian authorities."
    rel = next(r for r in extract_text(text).relations if r.predicate == "cooperatesWith")
    assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.sentence
    assert rel.evidence.sentence.startswith("The NCA")
    assert 0 < rel.confidence <= 1
