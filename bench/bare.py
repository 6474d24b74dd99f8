"""Bare `nlp.pipe` over the articles of a folder: the physical limit of `kg build`.

Prints one JSON line: words, seconds of nlp.pipe alone (model loading excluded).

    python bench/bare.py FOLDER [--processes 2] [--plain]

--plain runs the model as installed (`spacy.load`), without kg's components;
by default it runs kg's pipeline (`kg.nlp.pipeline.load_pipeline`): the same
model, with the same gazetteer ruler and title matcher `kg build` runs.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

from kg.config import MODEL_NAME
from kg.ingest.read import collect_inputs, read_article
from kg.nlp.pipeline import load_pipeline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args(argv)
    texts = [read_article(path).clean_text for path in collect_inputs([args.folder])]
    nlp = spacy.load(MODEL_NAME) if args.plain else load_pipeline()
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=16, n_process=args.processes):
        pass
    seconds = time.perf_counter() - started
    print(json.dumps({"words": sum(len(t.split()) for t in texts), "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
