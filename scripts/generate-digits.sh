#!/usr/bin/env bash
# Regenerates the bundled 8x8 digits (Sources/Training/Data/Digits/DigitsTable.swift)
# from scikit-learn's copy of the UCI data, installed into a throwaway venv.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet scikit-learn
csv=$("$scratch/venv/bin/python" -c 'import os, sklearn; print(os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", "digits.csv.gz"))')
python3 scripts/encode_digits.py "$csv" > Sources/Training/Data/Digits/DigitsTable.swift
echo "wrote Sources/Training/Data/Digits/DigitsTable.swift"
