"""Text similarity for cross-report rules: shingles, MinHash signatures and LSH banding.

Two uses: comparing one section with last year's (exact shingle sets, :func:`containment`), and
finding near-duplicate reports in a batch of thousands (:func:`signature` and
:func:`near_duplicates`), which must stay sub-quadratic.

Text is normalised before shingling (:func:`normalise`): whitespace and punctuation are dropped
and every run of digits becomes ``0``, so that a copied text with new figures or a new year still
matches. Shingles are overlapping runs of ``size`` characters (Chinese has no word breaks),
hashed with CRC-32: a stable hash (Python's own ``hash`` differs between processes, and
signatures are made in worker processes).

A signature is one-permutation MinHash: every shingle hash is mixed into 64 bits, its top bits
choose one of :data:`SIGNATURE_SIZE` bins and each bin keeps its smallest value; empty bins borrow
from the next non-empty one ("rotation densification"). The share of equal bins of two signatures
estimates the Jaccard similarity of their shingle sets. One hash per shingle keeps a report's
signature at about a millisecond in pure Python.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

__all__ = [
    "BANDS",
    "SIGNATURE_SIZE",
    "containment",
    "estimate",
    "near_duplicates",
    "normalise",
    "shingles",
    "signature",
]

#: Bins of a MinHash signature.
SIGNATURE_SIZE = 64
#: LSH bands; ``SIGNATURE_SIZE // BANDS`` rows each. 16 × 4 makes a pair with similarity 0.8 a
#: candidate with probability 0.9998, one with 0.3 with probability 0.12.
BANDS = 16
_ROWS = SIGNATURE_SIZE // BANDS
_MASK = (1 << 64) - 1
_BIN_SHIFT = 64 - (SIGNATURE_SIZE - 1).bit_length()
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
_MULTIPLIER = 0x9E3779B97F4A7C15
_EMPTY = _VALUE_MASK + 1
K = TypeVar("K", bound=Hashable)
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_DIGITS = re.compile(r"[0-9]+")


def normalise(text: str) -> str:
    """``text`` folded (NFKC), without whitespace or punctuation, digit runs as ``0``."""
    folded = unicodedata.normalize("NFKC", text)
    return _DIGITS.sub("0", _DROP.sub("", folded))


def shingles(text: str, size: int = 5) -> set[int]:
    """The hashed ``size``-character shingles of normalised ``text``.

    A text shorter than ``size`` (after normalising) has itself as its only shingle; an empty
    text has none.
    """
    norm = normalise(text)
    if not norm:
        return set()
    if len(norm) <= size:
        return {zlib.crc32(norm.encode("utf-8"))}
    crc = zlib.crc32
    encoded = [norm[i:i + size].encode("utf-8") for i in range(len(norm) - size + 1)]
    return {crc(piece) for piece in encoded}


def signature(hashes: Iterable[int]) -> tuple[int, ...]:
    """The MinHash signature (:data:`SIGNATURE_SIZE` values) of a set of shingle hashes.

    Empty for an empty set.
    """
    bins = [_EMPTY] * SIGNATURE_SIZE
    seen = False
    for value in hashes:
        seen = True
        mixed = ((value + 1) * _MULTIPLIER) & _MASK
        mixed ^= mixed >> 29
        mixed = (mixed * 0xBF58476D1CE4E5B9) & _MASK
        index = mixed >> _BIN_SHIFT
        low = mixed & _VALUE_MASK
        if low < bins[index]:
            bins[index] = low
    if not seen:
        return ()
    if _EMPTY in bins:
        original = list(bins)
        for i in range(SIGNATURE_SIZE):
            if original[i] == _EMPTY:
                # borrow from the next filled bin (cyclically), offset by the distance so that
                # two borrowed bins are equal only when their sources are
                step = 1
                while original[(i + step) % SIGNATURE_SIZE] == _EMPTY:
                    step += 1
                bins[i] = original[(i + step) % SIGNATURE_SIZE] + step * _EMPTY
    return tuple(bins)


def estimate(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the sets two signatures were made from (0 if either is
    empty)."""
    if not first or not second:
        return 0.0
    return sum(1 for a, b in zip(first, second, strict=True) if a == b) / len(first)


def containment(part: set[int], whole: set[int]) -> float:
    """The share of ``part``'s shingles found in ``whole`` (0 for an empty ``part``)."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


def near_duplicates(items: Iterable[tuple[K, Sequence[int]]], threshold: float, *,
                    bucket_cap: int = 8, candidate_cap: int = 64
                    ) -> list[tuple[K, K, float]]:
    """Pairs ``(earlier, later, similarity)`` whose estimated similarity is ``>= threshold``.

    ``items`` are ``(key, signature)`` in order; each item is compared only with earlier items
    sharing one of its LSH band buckets, so the work grows with the number of items, not its
    square. Memory is bounded too: a bucket keeps its first ``bucket_cap`` members (a large
    cluster of copies is represented by its first few, and every later copy still finds one of
    them), and at most ``candidate_cap`` candidates are checked per item. Each later item is
    paired with its most similar earlier match only.
    """
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    keys: list[K] = []
    signatures: list[Sequence[int]] = []
    pairs: list[tuple[K, K, float]] = []
    for key, sig in items:
        if len(sig) != SIGNATURE_SIZE:
            continue
        index = len(keys)
        keys.append(key)
        signatures.append(sig)
        bands = [(band, tuple(sig[band * _ROWS:(band + 1) * _ROWS])) for band in range(BANDS)]
        seen: set[int] = set()
        best: tuple[float, int] | None = None
        for band_key in bands:
            members = buckets.get(band_key)
            if not members:
                continue
            for other in members:
                if other in seen or len(seen) >= candidate_cap:
                    continue
                seen.add(other)
                similarity = estimate(sig, signatures[other])
                if similarity >= threshold and (best is None or similarity > best[0]):
                    best = (similarity, other)
        if best is not None:
            pairs.append((keys[best[1]], key, best[0]))
        for band_key in bands:
            members = buckets.setdefault(band_key, [])
            if len(members) < bucket_cap:
                members.append(index)
    return pairs
