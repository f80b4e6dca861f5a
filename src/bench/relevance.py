#!/usr/bin/env python3
"""Measure blogsearch's ranking quality on a standard test collection.

  python3 src/bench/relevance.py [--collection DIR] [--keep DIR]

The collection (default: ../shared/relevance/cranfield) has docs.jsonl ({"id","title","body"}),
queries.tsv (id<TAB>text) and qrels.tsv. This script writes the documents as an RSS feed, indexes it
with `./blogsearch index`, runs every query through `./blogsearch search --batch --json --limit 100`
(the same query path as the search box), writes a TREC run and scores it with the collection's
eval.py. Nothing here knows the queries: they go through the engine as typed.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
DOC_URL = "https://collection.invalid/doc/"


def write_feed(docs_jsonl: Path, feed: Path) -> int:
    n = 0
    with open(docs_jsonl, encoding="utf-8") as src, open(feed, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                  "<title>Test collection</title><link>https://collection.invalid/</link>\n")
        for line in src:
            if not line.strip():
                continue
            d = json.loads(line)
            out.write("<item><title>%s</title><link>%s%s</link><guid>%s%s</guid>"
                      "<description>%s</description></item>\n"
                      % (escape(d.get("title", "")), DOC_URL, escape(d["id"]), DOC_URL, escape(d["id"]),
                         escape(escape(d.get("body", "")))))
            n += 1
        out.write("</channel></rss>\n")
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--collection", default=str(ROOT.parent / "shared" / "relevance" / "cranfield"))
    ap.add_argument("--keep", help="keep the index, run and feed in this folder")
    args = ap.parse_args()
    coll = Path(args.collection)
    evaluator = coll.parent / "eval.py"
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="blogsearch-relevance-"))
    work.mkdir(parents=True, exist_ok=True)
    feed, index, run = work / "collection.xml", work / "index", work / "blogsearch.run"
    launcher = str(ROOT / "blogsearch")

    docs = write_feed(coll / "docs.jsonl", feed)
    subprocess.run([launcher, "index", "--index", str(index), "--force", str(feed)], check=True,
                   stdout=subprocess.DEVNULL)
    queries = []
    with open(coll / "queries.tsv", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, text = line.rstrip("\n").split("\t", 1)
                queries.append((qid, text))
    batch = "\n".join(" ".join(text.split()) for _, text in queries) + "\n"
    out = subprocess.run([launcher, "search", "--index", str(index), "--batch", "-", "--json", "--limit", "100"],
                         input=batch, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(queries):
        sys.stderr.write(out.stderr)
        raise SystemExit("expected %d result lines, got %d" % (len(queries), len(lines)))
    with open(run, "w") as r:
        for (qid, _), line in zip(queries, lines):
            result = json.loads(line)
            for rank, hit in enumerate(result.get("hits", []), 1):
                doc = hit["url"][len(DOC_URL):]
                # eval.py orders by score; the engine's order is the ranking, so the score column follows it.
                r.write("%s Q0 %s %d %d blogsearch\n" % (qid, doc, rank, 1000 - rank))
    print("%d documents, %d queries" % (docs, len(queries)))
    subprocess.run([sys.executable, str(evaluator), str(coll / "qrels.tsv"), str(run)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
