#!/usr/bin/env python3
"""Builds the benchmark literature folder from the shared corpus.

Every abstract of abstracts.jsonl becomes one document: the first --text-files
as individual .txt files (title, a blank line, the abstract) spread over
subfolders, the rest split evenly between a few multi-record MEDLINE (.nbib)
files and a few PubMed XML files. With --documents N the corpus is cut short or
repeated to N documents, and the files of each format scale with it (the
memory benchmark compares 1,000 documents with 100,000). Writes manifest.json
beside the folder (or to --manifest) with the document and byte counts. The
output is the same on every run.
"""
import argparse
import json
import os
import shutil
import textwrap
from xml.sax.saxutils import escape

# PMIDs for corpus records that have none (MEDLINE records start at PMID-).
SYNTHETIC_PMID_BASE = 990_000_000
# The benchmark folder's shape: of the corpus's 8,720 documents, 6,000 as .txt
# files and the rest in 4 MEDLINE and 4 PubMed XML files.
CORPUS_SIZE = 8720
DEFAULT_TEXT_FILES = 6000
DEFAULT_MULTI_RECORD_FILES = 4


def read_corpus(path):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def pmid_of(record, position):
    return str(record.get("pmid") or SYNTHETIC_PMID_BASE + position)


def medline_record(record, position):
    def tagged(tag, text):
        wrapped = textwrap.wrap(" ".join(text.split()), width=82) or [""]
        return f"{tag:<4}- " + "\n      ".join(wrapped)
    return "\n".join([f"PMID- {pmid_of(record, position)}", tagged("TI", record["title"]),
                      tagged("AB", record["text"])]) + "\n"


def pubmed_xml_article(record, position):
    return (
        "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\">"
        f"<PMID Version=\"1\">{escape(pmid_of(record, position))}</PMID>"
        f"<Article><ArticleTitle>{escape(record['title'])}</ArticleTitle>"
        f"<Abstract><AbstractText>{escape(record['text'])}</AbstractText></Abstract>"
        "</Article></MedlineCitation></PubmedArticle>\n"
    )


def chunks(items, count):
    """`count` consecutive slices of `items`, their sizes within one of each other."""
    size, extra = divmod(len(items), count)
    start = 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        yield items[start:end]
        start = end


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return len(text.encode("utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="abstracts.jsonl")
    parser.add_argument("folder", help="the literature folder to (re)create")
    parser.add_argument("--documents", type=int, help="repeat or cut the corpus to this many documents")
    parser.add_argument("--text-files", type=int, help=f"default: {DEFAULT_TEXT_FILES} per {CORPUS_SIZE} documents")
    parser.add_argument("--per-subfolder", type=int, default=500)
    parser.add_argument("--medline-files", type=int, help=f"default: {DEFAULT_MULTI_RECORD_FILES} per {CORPUS_SIZE} documents")
    parser.add_argument("--xml-files", type=int, help=f"default: {DEFAULT_MULTI_RECORD_FILES} per {CORPUS_SIZE} documents")
    parser.add_argument("--manifest", help="where to write manifest.json (default: beside the folder)")
    arguments = parser.parse_args()

    corpus = read_corpus(arguments.corpus)
    documents = arguments.documents or len(corpus)
    records = [(position, corpus[position % len(corpus)]) for position in range(documents)]
    scale = documents / CORPUS_SIZE
    if arguments.text_files is None:
        arguments.text_files = round(DEFAULT_TEXT_FILES * scale)
    for name in ("medline_files", "xml_files"):
        if getattr(arguments, name) is None:
            setattr(arguments, name, max(1, round(DEFAULT_MULTI_RECORD_FILES * scale)))
    shutil.rmtree(arguments.folder, ignore_errors=True)
    counts = {"txt": 0, "medline": 0, "pubmed_xml": 0}
    total_bytes = 0

    text_records = records[:arguments.text_files]
    for position, record in text_records:
        name = f"{position:05d}_{record.get('pmid') or 'nopmid'}.txt"
        subfolder = f"{position // arguments.per_subfolder:03d}"
        total_bytes += write(os.path.join(arguments.folder, "txt", subfolder, name),
                             f"{record['title']}\n\n{record['text']}\n")
        counts["txt"] += 1

    rest = records[arguments.text_files:]
    medline, xml = rest[:len(rest) // 2], rest[len(rest) // 2:]
    for index, part in enumerate(chunks(medline, arguments.medline_files)):
        text = "\n".join(medline_record(record, position) for position, record in part)
        total_bytes += write(os.path.join(arguments.folder, "medline", f"export{index + 1:02d}.nbib"), text)
        counts["medline"] += len(part)
    for index, part in enumerate(chunks(xml, arguments.xml_files)):
        text = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PubmedArticleSet>\n"
                + "".join(pubmed_xml_article(record, position) for position, record in part)
                + "</PubmedArticleSet>\n")
        total_bytes += write(os.path.join(arguments.folder, "pubmed", f"pubmed{index + 1:02d}.xml"), text)
        counts["pubmed_xml"] += len(part)

    manifest = {
        "documents": sum(counts.values()),
        "documents_by_format": counts,
        "files": counts["txt"] + arguments.medline_files + arguments.xml_files,
        "bytes": total_bytes,
    }
    manifest_path = arguments.manifest or os.path.join(os.path.dirname(os.path.abspath(arguments.folder)), "manifest.json")
    with open(manifest_path, "w") as file:
        json.dump(manifest, file, indent=2)
    print(f"{manifest['documents']} documents in {manifest['files']} files, "
          f"{total_bytes / 1_048_576:.1f} MB, under {arguments.folder}")


if __name__ == "__main__":
    main()
