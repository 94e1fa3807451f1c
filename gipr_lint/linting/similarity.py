"""Text similarity for cross-report rules: shingles, MinHash signatures and LSH banding.

Two uses: comparing one section with last year's (exact shingle sets, :func:`containment`), and
finding near-duplicate reports in a batch of thousands (:func:`signature` and
:func:`near_duplicates`), which must stay sub-quadratic.

Text is normalised before shingling (:func:`normalise`): whitespace and punctuation are dropped
and every run of digits becomes ``0``, so that a copied text with new figures or a new year still
matches. Shingles are overlapping runs of ``size`` characters (Chinese has no word breaks),
hashed with CRC-32: a stable hash (Python's own ``hash`` differs between processes, and
signatures are made in worker processes).

A signature is one-permutation MinHash: the top bits of a shingle's hash choose one of
:data:`SIGNATURE_SIZE` bins and each bin keeps its smallest value; empty bins borrow from the next
non-empty one ("rotation densification"). The share of equal bins of two signatures estimates the
Jaccard similarity of their shingle sets. One hash per shingle and one pass over the hashes keep
a report's signature well under a millisecond in pure Python.
"""

from __future__ import annotations

import operator
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import chain, islice, repeat
from typing import Any, TypeVar

from gipr_lint.regex import compile_re

__all__ = [
    "BANDS",
    "SIGNATURE_SIZE",
    "containment",
    "estimate",
    "near_duplicates",
    "normalise",
    "normalised_pieces",
    "prose_signature",
    "sampled_shingles",
    "shingles",
    "signature",
]

#: Bins of a MinHash signature.
SIGNATURE_SIZE = 64
#: LSH bands; ``SIGNATURE_SIZE // BANDS`` rows each. 16 × 4 makes a pair with similarity 0.8 a
#: candidate with probability 0.9998, one with 0.3 with probability 0.12.
BANDS = 16
_ROWS = SIGNATURE_SIZE // BANDS
_BIN_SHIFT = 32 - (SIGNATURE_SIZE - 1).bit_length()
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
_EMPTY = _VALUE_MASK + 1
K = TypeVar("K", bound=Hashable)
#: What normalising drops: whitespace, punctuation, symbols (removing them leaves what
#: ``[^\W_]+`` finds, joined, without a list of every word of a long text).
#: (Written ``X X*`` rather than ``X+``: a pattern that opens with a character class lets the
#: engine skip in C to the next character that can start a match, where one that opens with a
#: repeat is tried at every position; the digit runs are found about 2.5 times as fast.)
_NOT_WORDS = compile_re(r"[\W_][\W_]*")
_DIGITS = compile_re(r"[0-9][0-9]*")
#: Characters whose NFKC form is one ASCII character: the full-width forms of ASCII, the
#: ideographic space and the no-break space, the only ones common in reports.
_NARROW = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_NARROW.update({"\u3000": " ", "\xa0": " "})
_WIDE = compile_re("[\uff01-\uff5e\u3000\xa0]")


def _narrow(match: re.Match[str]) -> str:
    return _NARROW[match.group()]


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on report text: its full-width forms are
    mapped to ASCII first (their NFKC forms, single starters), and the rest is usually
    normalised already, which is quick to check."""
    narrow = _WIDE.sub(_narrow, text)
    if unicodedata.is_normalized("NFKC", narrow):
        return narrow
    return unicodedata.normalize("NFKC", narrow)


#: The full-width letters and digits: the characters of :data:`_NARROW` that are word
#: characters (the rest are punctuation, as are their ASCII forms).
_WIDE_WORD_CLASS = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_WIDE_WORD = compile_re(f"[{_WIDE_WORD_CLASS}]")
#: Characters that NFKC leaves alone wherever they stand (each is its own NFKD form, combines
#: with no neighbour: no combining class, never the second of a composition), plus those of
#: :data:`_NARROW` (whose NFKC forms are such characters): ASCII, the CJK ideographs and the
#: punctuation of Chinese text. A test checks every one of them.
_PLAIN_NARROW_CLASS = (r"\x00-\x7f\xa0\xb7\xd7\u2010\u2012-\u2016\u2018-\u2023\u25a1"
                       r"\u3000-\u3029\u3030-\u3035\u3037\u303b-\u303f\u4e00-\u9ffc"
                       r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e")
_PLAIN = compile_re(f"[{_PLAIN_NARROW_CLASS}{_WIDE_WORD_CLASS}]*")
#: :data:`_PLAIN` without the full-width letters and digits (a report rarely has one).
_PLAIN_NARROW = compile_re(f"[{_PLAIN_NARROW_CLASS}]*")
#: The word characters among :data:`_PLAIN`'s (ASCII letters and digits, 々〆〇, the Hangzhou
#: numerals, the kana repeat marks, 〻〼, the ideographs, the full-width letters and digits;
#: a test checks them against ``\w``); what :data:`_PLAIN_WORDS` finds. (The ideographs end
#: at U+9FFC, the last one of Unicode 13, Python 3.10's: a newer one is read the general way.)
_PLAIN_WORD_CLASS = (r"0-9A-Za-z\u3005-\u3007\u3021-\u3029\u3031-\u3035\u303b\u303c"
                     r"\u4e00-\u9ffc" + _WIDE_WORD_CLASS)
#: What :data:`_NOT_WORDS` leaves of a text of :data:`_PLAIN` characters: the runs of word
#: characters, found by ranges of code points rather than by the Unicode category of every
#: character (a third quicker), and joined (a seventh quicker than removing the runs between
#: them: a report's prose has as many of either, and ``sub`` does more for each).
_PLAIN_WORDS = compile_re(f"[{_PLAIN_WORD_CLASS}][{_PLAIN_WORD_CLASS}]*")
#: The commonest marks of a report's prose (a clause or list break, about one character in
#: twenty), none of them a word character of :data:`_PLAIN_WORDS`: see :func:`_plain_words`.
_COMMON_MARKS = (",", "，", "、", "。")


def _plain_words(text: str) -> str:
    """The runs of word characters of a text of :data:`_PLAIN` characters, joined.

    The commonest marks are deleted first, by ``str.replace`` (a pass in C each, no object per
    mark): what is left has a few long runs instead of one per clause, and finding them, a
    match object and a string each, costs about half of finding the short ones. (Deleting
    characters that are not word characters changes no run's characters or order.)"""
    for mark in _COMMON_MARKS:
        text = text.replace(mark, "")
    return "".join(_PLAIN_WORDS.findall(text))


def _words(text: str) -> str:
    """``text`` folded (NFKC), without whitespace or punctuation.

    A text of :data:`_PLAIN` characters only (nearly every report's) is folded by narrowing
    its full-width letters and digits, after the punctuation is dropped: the same string (the
    punctuation dropped is punctuation before and after folding; nothing else changes), without
    a pass over the whole text to narrow full-width commas and brackets that are dropped
    anyway; a text with no full-width letter or digit either (:data:`_PLAIN_NARROW`) has
    nothing to narrow."""
    if _PLAIN_NARROW.fullmatch(text) is not None:
        return _plain_words(text)
    if _PLAIN.fullmatch(text) is None:
        return _NOT_WORDS.sub("", _nfkc(text))
    return _WIDE_WORD.sub(_narrow, _plain_words(text))


def normalise(text: str) -> str:
    """``text`` folded (NFKC), without whitespace or punctuation, digit runs as ``0``."""
    return _DIGITS.sub("0", _words(text))


def shingles(text: str, size: int = 5) -> set[int]:
    """The hashed ``size``-character shingles of normalised ``text`` (32-bit CRC values).

    A text shorter than ``size`` (after normalising) has itself as its only shingle; an empty
    text has none.
    """
    norm = normalise(text)
    return _all_hashes(norm, size) if norm else set()


def sampled_shingles(text: str, size: int = 5) -> set[int]:
    """The shingles of :func:`shingles` that start with one of a fixed quarter of the Chinese
    characters: a consistent sample (the same shingle is in or out in every text), so the
    Jaccard similarity of two samples estimates that of the full sets, for a quarter of the
    work. Texts without such a character fall back to every shingle."""
    norm = normalise(text)
    if len(norm) <= size:
        return shingles(norm, size)
    return _sampled_hashes(norm, size) or _all_hashes(norm, size)


#: A text longer than this is normalised and hashed a piece at a time by
#: :func:`prose_signature`.
_PIECE_CHARS = 1 << 16
#: Where a long text may be cut to be normalised a piece at a time: before a line break or a
#: CJK ideograph, which NFKC never joins with what comes before them.
_CUT = compile_re("[\n\u4e00-\u9fff]")


def _raw_pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of about :data:`_PIECE_CHARS` characters, cut at :data:`_CUT`."""
    start = 0
    while start < len(text):
        cut = _CUT.search(text, start + _PIECE_CHARS)
        end = cut.start() if cut is not None else len(text)
        yield text[start:end]
        start = end


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def normalised_pieces(text: str) -> Iterator[str]:
    """:func:`normalise` of ``text`` a piece at a time (joined, they are ``normalise(text)``),
    so that memory stays bounded on a huge report: removing the punctuation of a whole 20 MB
    text at once keeps a list of every piece between two marks, several times the text.
    A digit run cut in two is still one ``0``."""
    after_digit = False
    for raw in _raw_pieces(text):
        words = _words(raw)
        if not words:
            continue
        piece = _DIGITS.sub("0", words)
        if after_digit and _is_digit(words[0]):
            piece = piece[1:]  # the run began in the piece before, which wrote its 0
        after_digit = _is_digit(words[-1])
        if piece:
            yield piece


def prose_signature(text: str, size: int = 5) -> tuple[int, ...]:
    """``signature(sampled_shingles(text, size))``, made a piece of the text at a time when it is
    long (:func:`normalised_pieces`), so that memory stays bounded on a huge report: a bin's
    smallest value over the whole text is the smallest of its smallest values over the pieces
    (each piece is hashed with the last ``size - 1`` characters of the one before, so every
    shingle is in one)."""
    if len(text) <= _PIECE_CHARS:
        norm = normalise(text)
        if len(norm) <= size:
            return signature(shingles(norm, size))
        # the hashes go straight into the bins, never into a set (duplicates change no minimum)
        smallest = _smallest_per_bin(_sampled_hash_values(norm, size))
        if _no_bin_filled(smallest):
            smallest = _smallest_per_bin(_all_hash_values(norm, size))
        return _signature_of(smallest)
    smallest, rest = _smallest_over_pieces(text, size, _sampled_hash_values)
    if rest is not None:  # the whole normalised text is shorter than a shingle
        return signature(shingles(rest, size))
    if _no_bin_filled(smallest):  # no sampled character anywhere: every shingle, as
        smallest, _ = _smallest_over_pieces(text, size, _all_hash_values)  # sampled_shingles
    return _signature_of(smallest)


def _smallest_over_pieces(text: str, size: int, hashes_of: Callable[[str, int], Iterable[int]]
                          ) -> tuple[list[int], str | None]:
    """Each bin's smallest hash over the normalised ``text``, hashed a piece at a time; and
    the whole normalised text when it is shorter than ``size`` (nothing was hashed), else
    ``None``."""
    smallest = [_NONE] * SIGNATURE_SIZE
    window = ""
    hashed = False
    for piece in normalised_pieces(text):
        window += piece
        if len(window) < size:
            continue
        hashed = True
        smallest = list(map(min, smallest, _smallest_per_bin(hashes_of(window, size))))
        window = window[len(window) - size + 1:]
    return smallest, None if hashed else window


def _all_hashes(norm: str, size: int) -> set[int]:
    """Every shingle of a normalised, non-empty text."""
    return set(_all_hash_values(norm, size))


def _all_hash_values(norm: str, size: int) -> Iterator[int]:
    """The hashes of :func:`_all_hashes`, as they are made (a shingle met twice comes twice)."""
    # fixed-width code units, so that a shingle is a plain byte string: the shingles starting
    # at 0, size, 2 * size ... follow one another, as do those starting at 1, size + 1 ...,
    # and each such run is cut by _fixed_width, in C
    data = norm.encode("utf-32-le")
    width = 4 * size
    if len(data) <= width:
        return iter((zlib.crc32(data),))
    runs = (_fixed_width(data, width, (len(data) - 4 * first) // width, 4 * first)
            for first in range(size))
    return map(zlib.crc32, chain.from_iterable(chain.from_iterable(runs)))


def _sampled_hashes(norm: str, size: int) -> set[int]:
    """The sampled shingles of a normalised text of at least ``size`` characters (empty when it
    has no sampled character)."""
    return set(_sampled_hash_values(norm, size))


def _sampled_hash_values(norm: str, size: int) -> Iterator[int]:
    """The hashes of :func:`_sampled_hashes`, as they are made (a shingle met twice comes
    twice)."""
    # the sampled shingles found by one regex scan, encoded at once, then cut into equal byte
    # strings and hashed: every step runs in C, with no Python code per shingle
    found = _sampled_shingle_pattern(size).findall(norm)
    data = "".join(found).encode("utf-32-le")
    return map(zlib.crc32, chain.from_iterable(_fixed_width(data, 4 * size, len(found))))


#: :func:`_fixed_width` cuts at most this many byte strings with one :class:`struct.Struct`,
#: so that a format's size, and the strings cut at a time, stay small whatever the text.
_BLOCK = 1024
#: The number of fields of a :class:`struct.Struct` :func:`_fixed_width` uses is a multiple of
#: this: a few layouts serve every count (made once each; compiling one for each report's own
#: count would cost a tenth of the work it saves).
_FIELDS_STEP = 64


def _fixed_width(data: bytes, width: int, count: int, start: int = 0
                 ) -> Iterator[tuple[bytes, ...]]:
    """The ``count`` byte strings of ``width`` bytes that follow one another in ``data`` from
    ``start``, a tuple of at most :data:`_BLOCK` at a time. Cut by a :class:`struct.Struct` of
    as many ``{width}s`` fields (its last block padded to a multiple of
    :data:`_FIELDS_STEP`), which makes them all in one call, about five times as fast as
    slicing each (a slice object and a method call per string)."""
    end = start + count * width
    for offset in range(start, end, _BLOCK * width):
        wanted = min(_BLOCK, (end - offset) // width)
        fields = -(-wanted // _FIELDS_STEP) * _FIELDS_STEP
        layout = _layout(width, fields)
        if fields == wanted and offset + fields * width <= len(data):
            yield layout.unpack_from(data, offset)
        else:
            block = data[offset:offset + wanted * width] + bytes((fields - wanted) * width)
            yield layout.unpack(block)[:wanted]


@lru_cache(maxsize=64)
def _layout(width: int, fields: int) -> struct.Struct:
    """``fields`` byte strings of ``width`` bytes, one after another."""
    return struct.Struct(f"{width}s" * fields)


@cache
def _sample_class() -> str:
    """The character class of the sampled characters (:func:`sampled_characters`), read
    from the file they are written in (choosing them takes ~3 ms, at the start of every run
    that compares reports; a test checks that the file holds them)."""
    from pathlib import Path

    try:
        chosen = (Path(__file__).parent.parent / _SAMPLED).read_text(encoding="utf-8")
    except OSError:  # not installed as files: chosen again
        chosen = ""
    if len(chosen.strip()) != _SAMPLED_COUNT:
        chosen = sampled_characters()
    return f"[{chosen.strip()}]"


#: Where :func:`sampled_characters` are written (``python -c "from gipr_lint.linting.similarity
#: import sampled_characters as s; print(s())" > gipr_lint/data/sampled-characters.txt``),
#: and how many there are.
_SAMPLED = "data/sampled-characters.txt"
_SAMPLED_COUNT = 5248


def sampled_characters() -> str:
    """The sampled characters: a fixed quarter of the Chinese ones (0x4E00 to 0x9FFF), those
    whose code times 0x9E3779B1 has its top two bits (of 32) clear."""
    return "".join(chr(c) for c in range(0x4E00, 0xA000)
                   if ((c * 0x9E3779B1) & 0xFFFFFFFF) >> 30 == 0)


@cache
def _sampled_shingle_pattern(size: int) -> re.Pattern[str]:
    """A sampled character that ``size - 1`` more characters follow; group 1 is the shingle it
    starts. (The shingle is captured by a look-behind at its end, inside a look-ahead, so that
    the pattern opens with the class: the engine skips in C to the next sampled character, and
    matches may overlap. ``(?=(X.{4}))`` would be tried at every position, about 1.5 times as
    slow; the dots are written out, as ``....`` is matched a little quicker than ``.{4}``.)"""
    return compile_re(f"{_sample_class()}(?={'.' * (size - 1)}(?<=({'.' * size})))", re.DOTALL)


def signature(hashes: Iterable[int]) -> tuple[int, ...]:
    """The MinHash signature (:data:`SIGNATURE_SIZE` values) of a set of 32-bit shingle hashes.

    One-permutation MinHash: a hash's top bits choose its bin, the rest is its value, each bin
    keeps its smallest value. Empty for an empty set.
    """
    return _signature_of(_smallest_per_bin(hashes))


#: More than any 32-bit hash: what a bin holds before its first value.
_NONE = 1 << 32


def _smallest_per_bin(hashes: Iterable[int]) -> list[int]:
    """Each bin's smallest hash (the whole hash, bin bits and value), :data:`_NONE` for an
    empty bin. (A plain loop: a report has a few hundred hashes, and sorting them to let a dict
    keep each bin's smallest costs three times as much.)"""
    smallest = [_NONE] * SIGNATURE_SIZE
    for value in hashes:
        index = value >> _BIN_SHIFT
        if value < smallest[index]:
            smallest[index] = value
    return smallest


def _no_bin_filled(smallest: list[int]) -> bool:
    return smallest.count(_NONE) == SIGNATURE_SIZE


def _signature_of(smallest: list[int]) -> tuple[int, ...]:
    """The signature of the bins' smallest hashes, empty bins filled from their neighbours."""
    empty_bins = smallest.count(_NONE)
    if empty_bins == SIGNATURE_SIZE:
        return ()
    mask = _VALUE_MASK
    bins = [value & mask for value in smallest]  # (faster than mapping int.__and__)
    if not empty_bins:
        return tuple(bins)
    # an empty bin borrows from the next filled bin (cyclically), offset by the distance so
    # that two borrowed bins are equal only when their sources are. A report leaves about one
    # bin of 64 empty: the empty ones are found with ``list.index`` (in C), not by a loop
    for empty in _indices_of(smallest, _NONE):
        following = empty + 1  # the next filled bin, counted on past the end
        while smallest[following % SIGNATURE_SIZE] == _NONE:
            following += 1
        bins[empty] = bins[following % SIGNATURE_SIZE] + (following - empty) * _EMPTY
    return tuple(bins)


def _indices_of(values: list[int], wanted: int) -> Iterator[int]:
    """Where ``wanted`` is in ``values``, in order."""
    index = -1
    while True:
        try:
            index = values.index(wanted, index + 1)
        except ValueError:
            return
        yield index


def estimate(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the sets two signatures were made from (0 if either is
    empty)."""
    if not first or not second:
        return 0.0
    if len(first) != len(second):
        raise ValueError("signatures of different sizes")
    # the equal bins counted in C (a run compares thousands of pairs)
    return sum(map(operator.eq, first, second)) / len(first)


def containment(part: set[int], whole: set[int]) -> float:
    """The share of ``part``'s shingles found in ``whole`` (0 for an empty ``part``)."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


#: What :func:`near_duplicates` finds for a signature not settled yet.
_UNSETTLED: Any = object()


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
    # What an item whose buckets were all full already found, by its signature: the match of
    # a later item with the same signature (a copy) is the same, as its candidates are the
    # same and no bucket can change any more. In a batch of copies most items are found here.
    settled: dict[tuple[int, ...], tuple[K, float] | None] = {}
    for key, sig in items:
        if len(sig) != SIGNATURE_SIZE:
            continue
        sig = tuple(sig)  # (the very tuple when it is one)
        keys.append(key)
        signatures.append(sig)
        # (one lookup: a signature's hash is computed again at each, 64 numbers)
        found = settled.get(sig, _UNSETTLED)
        if found is _UNSETTLED:
            found, full = _match(sig, len(keys) - 1, keys, signatures, buckets, bucket_cap,
                                 candidate_cap)
            if full:
                settled[sig] = found
        if found is not None and found[1] >= threshold:
            pairs.append((found[0], key, found[1]))
    return pairs


def _match(sig: Sequence[int], index: int, keys: list[K], signatures: list[Sequence[int]],
           buckets: dict[tuple[int, tuple[int, ...]], list[int]], bucket_cap: int,
           candidate_cap: int) -> tuple[tuple[K, float] | None, bool]:
    """For :func:`near_duplicates`: the earlier item most similar to item ``index`` among its
    candidates (its key and the similarity), ``None`` without candidates; and whether every
    bucket of the item was full already (it was added to none). Adds the item to its
    buckets that have room."""
    found: tuple[K, float] | None = None
    # the band keys and the candidates (the first ``candidate_cap`` distinct earlier items
    # in band order) are made in C: in a batch of near-copies every bucket is full
    bands = list(zip(range(BANDS), zip(*[iter(sig)] * _ROWS, strict=True), strict=True))
    candidates = list(islice(dict.fromkeys(chain.from_iterable(
        map(buckets.get, bands, repeat(())))), candidate_cap))
    if candidates:
        others = list(map(signatures.__getitem__, candidates))
        if sig in others:  # the same signature (copies): nothing is more similar
            best, closest = 1.0, others.index(sig)
        else:
            similarities = list(map(estimate, repeat(sig), others))
            best = max(similarities)
            closest = similarities.index(best)  # the earliest of the most similar
        found = (keys[candidates[closest]], best)
    full = True
    for band_key in bands:
        members = buckets.setdefault(band_key, [])
        if len(members) < bucket_cap:
            members.append(index)
            full = False
    return found, full
