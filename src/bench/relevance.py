#!/usr/bin/env python3
"""Measure blogsearch's ranking quality on standard test collections, beside the peers' published scores.

  python3 src/bench/relevance.py [--collection DIR ...] [--baseline] [--keep DIR [--reuse-index]] [--mode MODE]
                                   [--keywords N] [--opensearch URL]

By default it runs every collection there is: Cranfield (../shared/relevance/cranfield) and MED, NPL and
LISA (../shared/relevance-more/*). Each has docs.jsonl ({"id","title","body"}), queries.tsv (id<TAB>text)
and qrels.tsv. For each, this script writes the documents as an RSS feed, indexes it with
`./blogsearch index` (with vectors), runs every query through `./blogsearch search --batch - --json --limit 100
--mode MODE` (the same query path as the search box; hybrid unless told), and scores the run with the collections' eval.py. It prints
nDCG@10, MAP@100 and Recall@100 per collection and their macro average, with the best peer beside each
(from the collection's SOURCE.md), then nDCG@10 by query length (words as typed), per collection and
pooled. --baseline also runs plain Lucene (EnglishAnalyzer, BM25, an OR of the words:
`./blogsearch bench baseline`) on the same documents and queries. Nothing here knows the queries: they go
through the engine as typed, and no setting differs between collections. --opensearch URL runs the same on
the OpenSearch engine (an index named relevance-<collection> on that cluster) instead of an index folder.
--keywords N searches each question as a few keywords instead, its N words found in the fewest documents,
judged as the question is: short queries, which the collections have few of.

Then related posts: for every question with at least 3 relevant documents, its most relevant document is
the post being read and the others judged relevant to the question are the related posts a reader wants.
Each such post goes through `./blogsearch similar --batch - --json --limit 10` (the post itself is never
among its related posts), beside Lucene's MoreLikeThis with its default settings over the same title and
body (`./blogsearch bench baseline --seeds`), and both are scored by nDCG@10 against those documents.
"""
import argparse
import importlib.util
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
# The collections live in a "shared" folder beside the checkout (or beside a folder that holds it).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "relevance").is_dir()), ROOT.parent / "shared")
DEFAULT_COLLECTIONS = [SHARED / "relevance" / "cranfield"] + [SHARED / "relevance-more" / c
                                                              for c in ("med", "npl", "lisa")]
DOC_URL = "https://collection.invalid/doc/"
METRICS = ("nDCG@10", "MAP@100", "Recall@100")
BUCKETS = (("1-3", 1, 3), ("4-12", 4, 12), ("13-32", 13, 32), (">32", 33, 10**9))
WORD = re.compile(r"[a-z0-9]+")
# Cranfield's SOURCE.md has no peer table; the best of the same peers (SQLite FTS5 with Porter, Xapian BM25,
# lunr.js) measured this nDCG@10 on it. For the best single peer's macro average it stands for every peer.
CRANFIELD_BEST_PEER = ("best of fts5/xapian/lunr", {"nDCG@10": 0.523})


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


def read_queries(coll: Path):
    queries = []
    with open(coll / "queries.tsv", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, text = line.rstrip("\n").split("\t", 1)
                queries.append((qid, " ".join(text.split())))
    return queries


def keyword_queries(coll: Path, queries, n: int):
    """Each question as a searcher might type it: its n words found in the fewest documents, in its order."""
    df = {}
    with open(coll / "docs.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                for w in set(WORD.findall((d.get("title", "") + " " + d.get("body", "")).lower())):
                    df[w] = df.get(w, 0) + 1
    short = []
    for qid, text in queries:
        words = list(dict.fromkeys(w for w in WORD.findall(text.lower()) if w in df))
        rarest = set(sorted(words, key=lambda w: df[w])[:n])
        short.append((qid, " ".join(w for w in words if w in rarest)))
    return short


def load_eval(coll: Path):
    for folder in (coll.parent, coll.parent.parent / "relevance"):
        if (folder / "eval.py").exists():
            spec = importlib.util.spec_from_file_location("trec_eval_py", folder / "eval.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise SystemExit("no eval.py next to %s" % coll)


def peers(coll: Path):
    """{system: {metric: value}} from the SOURCE.md table under 'Peer scores'."""
    source = coll / "SOURCE.md"
    table, header = {}, None
    if source.exists():
        in_section = False
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                in_section = line.lower().startswith("## peer scores")
                continue
            if not in_section or not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if header is None:
                header = cells
            elif not re.fullmatch(r"-*:?-+:?", cells[0]):
                table[cells[0]] = {h: float(v) for h, v in zip(header[1:], cells[1:]) if re.fullmatch(r"[\d.]+", v)}
    if not table and coll.name == "cranfield":
        table[CRANFIELD_BEST_PEER[0]] = CRANFIELD_BEST_PEER[1]
    return table


# Where the engine keeps a collection: ["--index", folder] or an OpenSearch index (set by main).
ENGINE = {"opensearch": None}


def where(work: Path):
    if ENGINE["opensearch"]:
        return ["--opensearch", ENGINE["opensearch"], "--opensearch-index", "relevance-" + work.name,
                "--replicas", "0"]
    return ["--index", str(work / "index")]


def run_engine(launcher: str, coll: Path, work: Path, queries, reuse: bool, mode: str):
    feed, index = work / "collection.xml", work / "index"
    if not (reuse and (index.exists() or ENGINE["opensearch"])):
        write_feed(coll / "docs.jsonl", feed)
        subprocess.run([launcher, "index", *where(work), "--force", str(feed)], check=True,
                       stdout=subprocess.DEVNULL)
    batch = "\n".join(text for _, text in queries) + "\n"
    out = subprocess.run([launcher, "search", *where(work), "--batch", "-", "--json", "--limit", "100",
                          "--mode", mode],
                         input=batch, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(queries):
        sys.stderr.write(out.stderr)
        raise SystemExit("%s: expected %d result lines, got %d" % (coll.name, len(queries), len(lines)))
    run, refused, took = work / "blogsearch.run", [], {}
    with open(run, "w") as r:
        for (qid, _), line in zip(queries, lines):
            result = json.loads(line)
            if "error" in result:
                refused.append(qid)
            took[qid] = result.get("took_ms", 0)
            for rank, hit in enumerate(result.get("hits", []), 1):
                doc = hit["url"][len(DOC_URL):]
                # eval.py orders by score; the engine's order is the ranking, so the score column follows it.
                r.write("%s Q0 %s %d %d blogsearch\n" % (qid, doc, rank, 1000 - rank))
    return run, refused, took


def run_baseline(launcher: str, coll: Path, work: Path):
    run = work / "lucene.run"
    subprocess.run([launcher, "bench", "baseline", "--docs", str(coll / "docs.jsonl"), "--queries",
                    str(coll / "queries.tsv"), "--run", str(run)], check=True, stdout=subprocess.DEVNULL)
    return run


def related_seeds(qrels):
    """{qid: (seed, {doc: grade} of the others)} for questions with at least 3 relevant documents."""
    seeds = {}
    for qid, judged in qrels.items():
        relevant = [(d, g) for d, g in judged.items() if g > 0]
        if len(relevant) < 3:
            continue
        seed = max(relevant, key=lambda dg: dg[1])[0]  # the first of the most relevant, as judged
        seeds[qid] = (seed, {d: g for d, g in relevant if d != seed})
    return seeds


def run_related(launcher: str, work: Path, seeds):
    index, run = work / "index", work / "related.run"
    qids = list(seeds)
    batch = "".join(DOC_URL + seeds[q][0] + "\n" for q in qids)
    out = subprocess.run([launcher, "similar", *where(work), "--batch", "-", "--json", "--limit", "10"],
                         input=batch, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(qids):
        sys.stderr.write(out.stderr)
        raise SystemExit("%s: expected %d related lines, got %d" % (work.name, len(qids), len(lines)))
    with open(run, "w") as r:
        for qid, line in zip(qids, lines):
            for rank, post in enumerate(json.loads(line).get("posts", []), 1):
                r.write("%s Q0 %s %d %d blogsearch\n" % (qid, post["url"][len(DOC_URL):], rank, 1000 - rank))
    return run


def run_related_baseline(launcher: str, coll: Path, work: Path, seeds):
    file, run = work / "related-seeds.tsv", work / "mlt.run"
    file.write_text("".join("%s\t%s\n" % (q, seed) for q, (seed, _) in seeds.items()), encoding="utf-8")
    subprocess.run([launcher, "bench", "baseline", "--docs", str(coll / "docs.jsonl"), "--seeds", str(file),
                    "--run", str(run)], check=True, stdout=subprocess.DEVNULL)
    return run


def bucket(words: int) -> str:
    return next(name for name, lo, hi in BUCKETS if lo <= words <= hi)


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def fmt(v, width=7):
    return ("%*.4f" % (width, v)) if v == v else " " * (width - 1) + "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--collection", action="append", help="a collection folder (repeatable; default: all)")
    ap.add_argument("--baseline", action="store_true", help="also run plain Lucene with EnglishAnalyzer")
    ap.add_argument("--keep", help="keep indexes, runs and feeds in this folder (one subfolder per collection)")
    ap.add_argument("--reuse-index", action="store_true",
                    help="with --keep: search the index a previous run left instead of indexing again")
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "lexical", "semantic"],
                    help="how queries match posts (default: hybrid, which is lexical for an index without vectors)")
    ap.add_argument("--keywords", type=int, metavar="N",
                    help="search each question's N rarest words (those in the fewest documents) instead of the question:"
                         " short keyword queries with the question's judgments")
    ap.add_argument("--opensearch", help="run on the OpenSearch engine at this address instead of an index folder")
    ap.add_argument("--launcher", help="the blogsearch command to run (default: ./blogsearch of this checkout)")
    args = ap.parse_args()
    ENGINE["opensearch"] = args.opensearch
    collections = [Path(c) for c in args.collection] if args.collection else DEFAULT_COLLECTIONS
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="blogsearch-relevance-"))
    launcher = args.launcher or str(ROOT / "blogsearch")

    results = []  # (name, per_query engine, per_query baseline, words per qid, peers, refused, took)
    related = []  # (name, posts read, nDCG@10 of related, of MoreLikeThis)

    def avg(per_query, metric, qids=None):
        return mean([v[metric] for q, v in per_query.items() if qids is None or q in qids])

    for coll in collections:
        work = base / coll.name
        work.mkdir(parents=True, exist_ok=True)
        queries = read_queries(coll)
        if args.keywords:
            queries = keyword_queries(coll, queries, args.keywords)
        evaluator = load_eval(coll)
        qrels = evaluator.read_qrels(str(coll / "qrels.tsv"))
        run, refused, took = run_engine(launcher, coll, work, queries, args.reuse_index, args.mode)
        _, engine, _ = evaluator.evaluate(qrels, evaluator.read_run(str(run)))
        lucene = None
        if args.baseline:
            _, lucene, _ = evaluator.evaluate(qrels, evaluator.read_run(str(run_baseline(launcher, coll, work))))
        words = {qid: len(text.split()) for qid, text in queries}
        results.append((coll.name, engine, lucene, words, peers(coll), refused, took))
        seeds = related_seeds(qrels)
        targets = {q: others for q, (_, others) in seeds.items()}
        _, ours, _ = evaluator.evaluate(targets, evaluator.read_run(str(run_related(launcher, work, seeds))))
        _, mlt, _ = evaluator.evaluate(targets, evaluator.read_run(str(run_related_baseline(launcher, coll, work,
                                                                                             seeds))))
        related.append((coll.name, len(seeds), avg(ours, "nDCG@10"), avg(mlt, "nDCG@10")))

    print("Ranking quality, %d collections, mode %s (engine's order, top 100; best peer from each SOURCE.md)"
          % (len(results), args.mode))
    head = "%-10s %7s %7s %7s   %-24s %7s %7s %7s" % ("collection", *METRICS, "best peer", *METRICS)
    if args.baseline:
        head += "   %-7s %7s" % ("lucene", "nDCG@10")
    print(head)
    macro = {m: [] for m in METRICS}
    macro_lucene = []
    for name, engine, lucene, _, table, refused, _ in results:
        best = max(table.items(), key=lambda kv: kv[1].get("nDCG@10", 0)) if table else ("-", {})
        row = "%-10s " % name + " ".join(fmt(avg(engine, m)) for m in METRICS)
        row += "   %-24s " % best[0][:24] + " ".join(fmt(best[1].get(m, float("nan"))) for m in METRICS)
        if lucene is not None:
            macro_lucene.append(avg(lucene, "nDCG@10"))
            row += "   %-7s %s" % ("", fmt(macro_lucene[-1]))
        if refused:
            row += "   refused: %d queries" % len(refused)
        print(row)
        for m in METRICS:
            macro[m].append(avg(engine, m))
    # The best single peer: each system's own macro average; a collection that does not list the system
    # counts at that collection's best peer score, so the figure can only be too high.
    systems = {s for _, _, _, _, table, _, _ in results for s in table} - {CRANFIELD_BEST_PEER[0]}
    best_macro = ("-", float("nan"))
    for s in systems:
        scores = []
        for _, _, _, _, table, _, _ in results:
            if not table:
                continue
            scores.append(table[s]["nDCG@10"] if s in table and "nDCG@10" in table[s]
                          else max(v.get("nDCG@10", 0) for v in table.values()))
        if scores and (best_macro[1] != best_macro[1] or mean(scores) > best_macro[1]):
            best_macro = (s, mean(scores))
    row = "%-10s " % "macro" + " ".join(fmt(mean(macro[m])) for m in METRICS)
    row += "   %-24s %s" % (best_macro[0][:24], fmt(best_macro[1]))
    if macro_lucene:
        row = "%-95s %s" % (row, fmt(mean(macro_lucene)))
    print(row)

    print()
    print("nDCG@10 by query length in words (queries in brackets; median ms per query as the engine reports it)")
    cols = "%-16s" % "collection" + "".join("%16s" % ("%s words" % b[0]) for b in BUCKETS)
    print(cols)
    pooled = {b[0]: ([], [], []) for b in BUCKETS}
    for name, engine, lucene, words, _, _, took in results:
        for label, per_query in (("", engine), (" lucene", lucene)):
            if per_query is None:
                continue
            row = "%-16s" % (name + label)
            for b in BUCKETS:
                qids = {q for q in per_query if bucket(words.get(q, 0)) == b[0]}
                if per_query is engine:
                    pooled[b[0]][0].extend(per_query[q]["nDCG@10"] for q in qids)
                    pooled[b[0]][2].extend(took.get(q, 0) for q in qids)
                else:
                    pooled[b[0]][1].extend(per_query[q]["nDCG@10"] for q in qids)
                row += "%16s" % ("%s [%d]" % (fmt(avg(per_query, "nDCG@10", qids)).strip(), len(qids)) if qids else "-")
            print(row)
    row = "%-16s" % "pooled"
    lrow = "%-16s" % "pooled lucene"
    trow = "%-16s" % "ms (median)"
    for b in BUCKETS:
        e, l, t = pooled[b[0]]
        row += "%16s" % ("%s [%d]" % (fmt(mean(e)).strip(), len(e)) if e else "-")
        lrow += "%16s" % ("%s [%d]" % (fmt(mean(l)).strip(), len(l)) if l else "-")
        trow += "%16s" % (statistics.median(t) if t else "-")
    print(row)
    if args.baseline:
        print(lrow)
    print(trow)

    print()
    print("Related posts: nDCG@10 against the other documents judged relevant to a question, for its most")
    print("relevant document (questions with at least 3 relevant documents)")
    print("%-10s %6s %9s %14s %7s" % ("collection", "posts", "related", "MoreLikeThis", "diff"))
    for name, n, ours, mlt in related:
        print("%-10s %6d %9s %14s %+7.4f" % (name, n, fmt(ours), fmt(mlt), ours - mlt))
    if related:
        ours, mlt = mean([r[2] for r in related]), mean([r[3] for r in related])
        print("%-10s %6d %9s %14s %+7.4f" % ("macro", sum(r[1] for r in related), fmt(ours), fmt(mlt), ours - mlt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
