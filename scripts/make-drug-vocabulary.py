#!/usr/bin/env python3
"""Builds Rules/drug_names.terms, the drug vocabulary of the `drug` linker.

Source: the dictionary shipped in the PyPI package
drug-named-entity-recognition 2.0.9 (MIT licence, Fast Data Science Ltd),
compiled from DrugBank open data, MeSH, MedlinePlus, NHS and Wikipedia.
Common English words are left out with the word frequencies of the PyPI
package wordfreq 3.1.1 (code Apache-2.0; data CC BY-SA 4.0), so that brand
names such as "Today" or "Focus" do not become drugs, and so are drug classes
("opioid", "statins"), which a dose's drug never is.

Run it when the sources change (it needs the network to reach PyPI); the
generated file is committed, so builds and CI need neither.

    python3 scripts/make-drug-vocabulary.py
"""

import bz2
import pathlib
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile

DICTIONARY_PACKAGE = "drug-named-entity-recognition==2.0.9"
FREQUENCY_PACKAGE = "wordfreq==3.1.1"
DICTIONARY_MEMBER = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "Rules" / "drug_names.terms"

# A term is one to four words of lower-case letters, digits, hyphens and
# apostrophes, starting with a letter or digit: no brackets, commas or slashes.
TERM = re.compile(r"[a-z0-9][a-z0-9'-]*(?: [a-z0-9][a-z0-9'-]*){0,3}")
# Words at least this frequent in English (Zipf scale: 4 is ten per million
# words) are everyday words, not drug names, when they stand alone.
EVERYDAY_ZIPF = 4.0
# Shorter names are mostly codes that collide with abbreviations in abstracts.
MINIMUM_LETTERS = 4
# A bracketed qualifier at the end of a canonical name: "(multiple sclerosis)", "(rdna origin)".
QUALIFIER = re.compile(r"(?:\s+\([^()]*\))+$")
# A formula of one element or ion ("Na", "K", "NO3-"): a word such as "sodium",
# "potassium" or "nitrate" names a measured analyte or a salt's part far more
# often than an agent given.
ELEMENT_OR_ION = re.compile(r"[A-Z][a-z]?\d*(?:[A-Z][a-z]?\d*)?[+-]*")


def install(package: str, target: pathlib.Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), package],
                   check=True)


def load_dictionary(folder: pathlib.Path) -> dict:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(folder),
                    DICTIONARY_PACKAGE], check=True)
    wheel = next(folder.glob("drug_named_entity_recognition-*.whl"))
    with zipfile.ZipFile(wheel) as archive, archive.open(DICTIONARY_MEMBER) as packed:
        return pickle.loads(bz2.decompress(packed.read()))


def is_class(canonical: dict) -> bool:
    """A drug class, not a drug: every MeSH tree number under D27 (Chemical
    Actions and Uses: analgesics, opioids, statins) and no DrugBank entry.
    FIELDS.md leaves a class out of a dose's drug."""
    trees = canonical.get("mesh_tree") or []
    return bool(trees) and not canonical.get("drugbank_id") and all(tree.startswith("D27") for tree in trees)


def is_added_canonical(canonical: dict) -> bool:
    """A canonical name that the dictionary does not list among its variants
    is taken when it is a chemical or biological substance described by MeSH
    or by a formula and has a DrugBank entry (thiamine, lutein, oxytocin);
    not when it is an element or a single ion (sodium, nitrate), nor a bare
    DrugBank name without either (allergen extracts: hazelnut, beet, yeast)."""
    formula = canonical.get("formula") or ""
    if ELEMENT_OR_ION.fullmatch(formula) or (formula and formula[-1] in "+-" and len(formula) <= 8):
        return False
    return bool(canonical.get("drugbank_id")) and bool(canonical.get("mesh_id") or formula)


def is_name(term: str, zipf_frequency) -> bool:
    if not TERM.fullmatch(term) or sum(character.isalpha() for character in term) < MINIMUM_LETTERS:
        return False
    words = term.split(" ")
    # Every word an everyday word ("plain", "green tea"): not a name.
    return not all(zipf_frequency(word, "en") >= EVERYDAY_ZIPF for word in words)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = pathlib.Path(scratch)
        dictionary = load_dictionary(scratch_path)
        install(FREQUENCY_PACKAGE, scratch_path / "site")
        sys.path.insert(0, str(scratch_path / "site"))
        from wordfreq import zipf_frequency

        canonical_data = dictionary["drug_canonical_to_data"]
        variants = {}
        for variant, canonicals in dictionary["drug_variant_to_canonical"].items():
            variants.setdefault(variant.strip().lower(), []).extend(canonicals)
        # A canonical name is a name of its drug too, though the dictionary does not
        # always list it among the variants ("thiamine", "oxytocin", "progesterone");
        # a qualifier in brackets after it is not part of it ("propranolol
        # (infantile hemangioma)").
        for canonical, data in canonical_data.items():
            name = QUALIFIER.sub("", canonical.strip().lower())
            if is_added_canonical(data or {}) and canonical not in variants.get(name, []):
                variants.setdefault(name, []).append(canonical)
        classes = sum(1 for canonicals in variants.values()
                      if all(is_class(canonical_data.get(name) or {}) for name in canonicals))
        terms = sorted(term for term, canonicals in variants.items()
                       if is_name(term, zipf_frequency)
                       and not all(is_class(canonical_data.get(name) or {}) for name in canonicals))

    header = [
        "# Drug names for the drug linker, one lower-case name per line (up to four words).",
        "# Generated by scripts/make-drug-vocabulary.py; do not edit by hand.",
        f"# Source: PyPI {DICTIONARY_PACKAGE} (MIT licence, Copyright (c) 2023 Fast Data Science Ltd),",
        "#   compiled from DrugBank open data, MeSH, MedlinePlus, NHS and Wikipedia.",
        f"# Everyday English words left out with PyPI {FREQUENCY_PACKAGE} (data CC BY-SA 4.0);",
        f"#   drug classes left out ({classes} variants: MeSH tree D27 only, no DrugBank entry).",
        f"# {len(terms)} names of {len(variants)} variants.",
    ]
    OUTPUT.write_text("\n".join(header + terms) + "\n", encoding="utf-8")
    print(f"wrote {len(terms)} names to {OUTPUT}")


if __name__ == "__main__":
    main()
