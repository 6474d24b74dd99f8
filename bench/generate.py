"""Generate a deterministic news-like corpus for the benchmark.

Each document is one of the fixture articles (tests/data/articles/*.txt and
seeds/*.txt) with its people, agencies, organisations, countries and places
replaced by others: invented people, bodies from ontology/gazetteer.jsonl and
countries from pycountry with their demonyms from ontology/countries.tsv. The
substitutions follow the hand annotations of tests/data/gold/, so the graph
grows with the corpus (new people in every article, hundreds of agencies and
countries met again and again) while the sentences stay the real ones the
rules were written for.

The same arguments always give the same files; every document is distinct.

    python bench/generate.py [--articles 2000] [--out temp/bench/corpus]
"""

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = (REPO / "tests" / "data" / "articles", REPO / "seeds")
GOLD_DIR = REPO / "tests" / "data" / "gold"
ONTOLOGY = REPO / "ontology"
DEFAULT_OUT = REPO / "temp" / "bench" / "corpus"

FIRST_NAMES = """Aisha Alejandro Amara Anders Anika Arjun Astrid Beatriz Benedikt Bilal Camille Carlos Chiara Chloe
Dalia Damian Daniela Darius Elena Elif Emeka Emil Esther Fatima Felix Femi Freya Gabriel Greta Hamid Hana Hugo Ines
Ingrid Isaac Ivana Jakob Jana Javier Joanna Jonas Julia Kamal Karim Katarina Kenji Lara Leila Lena Lorenzo Lucia Luka
Magnus Malik Marco Marek Marta Matteo Maya Mehmet Mila Miguel Mira Nadia Nikos Nina Noor Olga Omar Oskar Paola Pavel
Petra Priya Rafael Rania Rosa Ruth Sami Sara Selin Sofia Stefan Tariq Tomas Ursula Valentina Viktor Yara Yusuf Zofia""".split()
SURNAMES = """Abbasi Adeyemi Albrecht Alvarez Andersson Bakker Barros Becker Benali Bianchi Bjork Castillo Ceylan
Costa Dahl Demir Dimitrov Dubois Eriksen Esposito Farouk Fischer Fonseca Garcia Gruber Haddad Hansen Horvat Ibrahim
Ivanova Jansen Kaya Keller Kovacs Kowalski Larsen Laurent Lindgren Lopes Marin Martens Meyer Moreau Mustafa Nagy Nielsen
Novak Okafor Olsen Oliveira Ortiz Papadopoulos Pereira Petrov Popescu Quinn Rahman Ramos Richter Rossi Sahin Santos
Schmidt Silva Sokolova Stein Svensson Takahashi Tanaka Toth Varga Vasquez Vogel Wagner Weber Wojcik Yilmaz Zajac
Zimmermann Achterberg Brennan Carvalho Delacroix Ekstrom Fairbairn Gallagher Haugen Iversen""".split()


@dataclass(frozen=True)
class Template:
    name: str
    text: str
    entities: tuple[dict, ...]  # gold entities: name, type, aliases


@dataclass(frozen=True)
class Pools:
    bodies: dict[str, list[tuple[str, str | None]]]  # type -> (name, acronym)
    countries: list[tuple[str, str]]  # (name, demonym)
    demonyms: dict[str, set[str]]  # country name -> its demonyms


def load_templates() -> list[Template]:
    templates = []
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            gold = GOLD_DIR / f"{path.stem}.json"
            entities = json.loads(gold.read_text(encoding="utf-8"))["entities"] if gold.exists() else []
            templates.append(Template(path.stem, path.read_text(encoding="utf-8"), tuple(entities)))
    return templates


def _acronym(aliases: list[str]) -> str | None:
    return next((a for a in aliases if a.isupper() and a.isalpha() and len(a) >= 2), None)


def load_pools() -> Pools:
    bodies: dict[str, list[tuple[str, str | None]]] = {"Agency": [], "Organisation": [], "Location": []}
    for line in (ONTOLOGY / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            bodies[entry["type"]].append((entry["name"], _acronym(entry.get("aliases", []))))
    demonym_rows = {}
    for line in (ONTOLOGY / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 3 and cells[2].strip():
            demonym_rows[cells[0]] = [d for d in cells[2].split("|") if d]
    countries, demonyms = [], {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        name = getattr(country, "common_name", None) or country.name
        if "," in name or country.alpha_2 not in demonym_rows:
            continue
        countries.append((name, demonym_rows[country.alpha_2][0]))
        demonyms[name] = set(demonym_rows[country.alpha_2])
    return Pools(bodies, countries, demonyms)


def _body_forms(entity: dict) -> list[tuple[str, bool]]:
    """Surface forms of a body to replace: (form, is_acronym)."""
    forms = [(entity["name"], False)]
    for alias in entity.get("aliases", []):
        bare = re.sub(r"^[Tt]he ", "", alias)
        if entity["name"] in bare or not bare[:1].isupper():
            continue  # covered by the name, or a common noun ("the government")
        forms.append((bare, bare.isupper() and bare.isalpha()))
    return forms


def substitutions(template: Template, pools: Pools, rng: random.Random) -> dict[str, str]:
    """Old surface form -> new surface form, for one generated document."""
    subs: dict[str, str] = {}
    for entity in template.entities:
        kind, name = entity["type"], entity["name"]
        if kind == "Person":
            words = name.split()
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            subs[name] = f"{first} {last}"
            if len(words) >= 2 and not words[-1].endswith("."):
                subs.setdefault(words[-1], last)
        elif kind == "Country":
            new_name, new_demonym = rng.choice(pools.countries)
            subs[name] = new_name
            for alias in entity.get("aliases", []):
                is_demonym = alias in pools.demonyms.get(name, set()) or alias.endswith(("ish", "ian", "ese", "an"))
                if alias[:1].isupper():
                    subs.setdefault(alias, new_demonym if is_demonym else new_name)
        elif kind in pools.bodies:
            new_name, acronym = rng.choice(pools.bodies[kind])
            for form, is_acronym in _body_forms(entity) if kind != "Location" else [(name, False)]:
                subs.setdefault(form, (acronym or new_name) if is_acronym else new_name)
    return subs


def apply(text: str, subs: dict[str, str]) -> str:
    """Replace every form at word boundaries in one pass, longest forms first."""
    if not subs:
        return text
    forms = sorted(subs, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, forms)) + r")(?!\w)")
    return pattern.sub(lambda m: subs[m.group(1)], text)


def vary_numbers(text: str, rng: random.Random) -> str:
    """Change the figures (arrests, amounts, percentages) so no two documents share them."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    figure = re.compile(rf"(?<![\w.,])(\d{{2,3}})(?![\w.,])(?! (?:{months}))")
    return figure.sub(lambda m: str(rng.randint(10, 999)), text)


def generate(count: int, out: Path) -> list[Path]:
    templates, pools = load_templates(), load_pools()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    seen: set[str] = set()
    paths = []
    for index in range(count):
        template = templates[index % len(templates)]
        attempt = 0
        while True:
            rng = random.Random(f"kg-bench-{index}-{attempt}")
            text = vary_numbers(apply(template.text, substitutions(template, pools, rng)), rng)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        path = out / f"{index:05d}_{template.name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    paths = generate(args.articles, args.out)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles, {words} words, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
