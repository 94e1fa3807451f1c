"""X005 and the similarity sketch it stands on."""

from __future__ import annotations

import random
import re
import zlib

from gipr_lint.linting.similarity import (
    SIGNATURE_SIZE,
    estimate,
    near_duplicates,
    normalise,
    prose_signature,
    sampled_shingles,
    shingles,
    signature,
)
from tests.crossyear.pairs import (
    FIXTURES,
    OTHER_PROBLEMS,
    SEED,
    with_cells,
    with_section_five,
)
from tests.crossyear.test_pairs import run

SEEDS = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))}


def copy_for(text: str, agency: str) -> str:
    """Another agency's report that copies ``text``: names swapped, some figures changed."""
    copied = text.replace("大渡口区跳磴镇人民政府", agency).replace("跳磴镇", "华岩镇")
    return with_cells(copied, {("requests", "new", 0): "7", ("requests", "new", 6): "7"})


def test_copied_report_of_another_agency_is_flagged_both_ways() -> None:
    copy = copy_for(SEED, "九龙坡区华岩镇人民政府")
    findings = run({"a/tdz.txt": SEED, "b/hy.txt": copy}, select=("X005",))
    assert [(path, where) for path, where, _ in findings] == [
        ("a/tdz.txt", "1:2 X005"), ("b/hy.txt", "1:2 X005")]
    messages = {path: message for path, _, message in findings}
    assert messages["b/hy.txt"].startswith("the text is about ")
    assert messages["b/hy.txt"].endswith("% the same as 大渡口区跳磴镇人民政府's 2024 report "
                                         "(a/tdz.txt)")
    assert messages["a/tdz.txt"].endswith("九龙坡区华岩镇人民政府's 2024 report (b/hy.txt)")


def test_seeds_are_not_near_duplicates() -> None:
    assert run(SEEDS, select=("X005",)) == []


def test_same_agency_twice_is_not_a_copy_of_another() -> None:
    assert run({"a.txt": SEED, "b.txt": SEED}, select=("X005",)) == []


def test_other_years_are_not_compared() -> None:
    from tests.crossyear.pairs import shift_years

    copy = shift_years(copy_for(SEED, "九龙坡区华岩镇人民政府"))
    assert run({"a.txt": SEED, "b.txt": copy}, select=("X005",)) == []


def test_threshold_is_an_option() -> None:
    # the copy has its own section 五: about half of the prose differs
    copy = with_section_five(copy_for(SEED, "九龙坡区华岩镇人民政府"), OTHER_PROBLEMS)
    texts = {"a.txt": SEED, "b.txt": copy}
    assert run(texts, select=("X005",)) == []
    found = run(texts, select=("X005",), plugins={"crossyear": {"near-duplicate-threshold": 0.3}})
    assert [(path, where) for path, where, _ in found] == [("a.txt", "1:2 X005"),
                                                           ("b.txt", "1:2 X005")]


# --- the sketch --------------------------------------------------------------------------------

def test_normalise_drops_punctuation_space_and_figures() -> None:
    assert normalise("2024年，我镇 共公开 83 条。") == "0年我镇共公开0条"


def test_signature_is_stable_across_processes() -> None:
    # CRC-32 and fixed mixing constants: the same text gives the same signature anywhere
    import subprocess
    import sys

    code = ("from gipr_lint.linting.similarity import signature, shingles;"
            "print(signature(shingles('政府信息公开工作年度报告')))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
               for seed in ("1", "2")}
    assert len(outputs) == 1
    assert outputs.pop().strip() == str(signature(shingles("政府信息公开工作年度报告")))


def test_estimate_tracks_jaccard() -> None:
    rng = random.Random(7)
    base = set(rng.sample(range(1 << 32), 2000))
    for keep in (1.0, 0.9, 0.6, 0.3):
        other = set(list(base)[:int(2000 * keep)]) | set(rng.sample(range(1 << 32),
                                                                    int(2000 * (1 - keep))))
        exact = len(base & other) / len(base | other)
        assert abs(estimate(signature(base), signature(other)) - exact) < 0.15, keep


def test_empty_and_tiny_sets() -> None:
    assert signature(set()) == ()
    assert estimate((), signature({1})) == 0.0
    assert len(signature({1})) == SIGNATURE_SIZE
    assert estimate(signature({1}), signature({1})) == 1.0
    assert shingles("") == set()


def test_near_duplicates_pairs_each_later_item_with_its_best_match() -> None:
    rng = random.Random(3)
    sets = [set(rng.sample(range(1 << 32), 500)) for _ in range(50)]
    items = [(f"r{i}", signature(s)) for i, s in enumerate(sets)]
    # r50 copies r10 with 5 % changed; r51 copies r50
    copy = set(list(sets[10])[:475]) | set(rng.sample(range(1 << 32), 25))
    items.append(("r50", signature(copy)))
    items.append(("r51", signature(copy)))
    pairs = [(a, b) for a, b, _ in near_duplicates(items, 0.8)]
    assert pairs == [("r10", "r50"), ("r50", "r51")]


def test_near_duplicates_bounds_a_large_cluster() -> None:
    sig = signature(set(range(1000)))
    pairs = near_duplicates([(i, sig) for i in range(500)], 0.8, bucket_cap=4)
    # every later copy still finds one of the first few
    assert len(pairs) == 499
    assert {a for a, _, _ in pairs} <= {0, 1, 2, 3}


def test_reports_without_a_known_agency_are_not_compared() -> None:
    anonymous = SEED.replace("大渡口区跳磴镇人民政府", "本镇")
    assert run({"a.txt": anonymous, "b.txt": copy_for(SEED, "九龙坡区华岩镇人民政府")},
               select=("X005",)) == []


def _reference_shingles(text: str, size: int) -> set[int]:
    """Shingles the plain way: each ``size``-character run of the normalised text, hashed."""
    import zlib

    norm = normalise(text)
    if len(norm) <= size:
        return {zlib.crc32(norm.encode("utf-32-le"))} if norm else set()
    return {zlib.crc32(norm[i:i + size].encode("utf-32-le")) for i in range(len(norm) - size + 1)}


def test_shingles_of_short_and_long_texts_are_the_plain_ones() -> None:
    """Texts of one shingle, of a few and of several blocks of shingles (cut a block at a
    time, see test_fixed_width_strings_are_the_slices) give the shingles made the plain way."""
    from gipr_lint.linting import similarity

    rng = random.Random(7)
    alphabet = "政府信息公开年度报告申请件数办理答复复议诉讼一二三四五"
    for length in (0, 3, 5, 6, 40, 2_000, 5 * similarity._BLOCK + 500):
        text = "".join(rng.choice(alphabet) for _ in range(length))
        assert shingles(text) == _reference_shingles(text, 5)
        sampled = sampled_shingles(text)
        assert sampled <= _reference_shingles(text, 5)
        if length > 40:
            assert 0 < len(sampled) < len(_reference_shingles(text, 5))


def test_fixed_width_strings_are_the_slices() -> None:
    """_fixed_width cuts the byte strings slicing would, in blocks of at most _BLOCK, for
    counts around the layouts' steps and blocks, from the start and from an offset (the rest
    of the data left alone)."""
    from gipr_lint.linting import similarity

    block, step = similarity._BLOCK, similarity._FIELDS_STEP
    data = bytes(range(256)) * 200
    for width in (16, 20):
        for start in (0, 4, 8):
            for count in (0, 1, step - 1, step, step + 1, block - 1, block, block + 1,
                          2 * block + step + 3):
                blocks = list(similarity._fixed_width(data, width, count, start))
                assert all(len(piece) <= block for piece in blocks)
                assert [part for piece in blocks for part in piece] == [
                    data[start + width * i:start + width * (i + 1)] for i in range(count)]


def test_the_prose_signature_of_a_long_text_is_made_in_pieces_and_equals_the_whole() -> None:
    """Pieces overlap so that every shingle is in one: the signature made piece by piece equals
    the signature of all the sampled shingles at once, for texts of one and of many pieces, and
    for a text with no sampled character (every shingle is used, as sampled_shingles does)."""
    from gipr_lint.linting import similarity

    rng = random.Random(11)
    alphabet = "政府信息公开年度报告申请件数办理答复复议诉讼一二三四五0123456789，。 \n"
    piece = similarity._PIECE_CHARS
    for length in (0, 4, 5, 6, 300, piece - 2, piece + 3, 3 * piece + 17):
        text = "".join(rng.choice(alphabet) for _ in range(length))
        assert prose_signature(text) == signature(sampled_shingles(text)), length
    unsampled = "".join(ch for ch in map(chr, range(0x4E00, 0x4F00))
                        if not _is_sampled(ch))
    text = "".join(rng.choice(unsampled) for _ in range(piece + 50))
    assert not similarity._sampled_hashes(text, 5)
    assert prose_signature(text) == signature(shingles(text)) != ()


def test_a_long_text_normalised_in_pieces_is_the_whole_text_normalised() -> None:
    """Cut before line breaks and ideographs, a long text's pieces normalise to the whole
    text's normal form: a digit run across a cut is still one 0, full-width forms and
    punctuation at the cuts too; a long text that normalises to less than a shingle gets the
    signature of that remnant."""
    from gipr_lint.linting import similarity

    rng = random.Random(5)
    alphabet = "政府信息公开0123456789１２，。 \n\n\n\u3000ＡＢab_"
    piece = similarity._PIECE_CHARS
    for length in (piece + 100, 3 * piece + 101):
        text = "".join(rng.choice(alphabet) for _ in range(length))
        pieces = list(similarity.normalised_pieces(text))
        assert len(pieces) > 1
        assert "".join(pieces) == normalise(text)
    digits = "12\n" * piece  # every cut falls inside a digit run once the breaks are dropped
    assert "".join(similarity.normalised_pieces(digits)) == normalise(digits) == "0"
    remnant = "，" * piece + "政府信" + "。\n" * piece
    assert prose_signature(remnant) == signature(shingles("政府信")) != ()


def test_a_copy_is_paired_with_the_earliest_identical_signature() -> None:
    """An identical signature is the most similar there is: a copy is paired with the earliest
    of its copies (similarity 1.0), even after a near-copy that came first."""
    from gipr_lint.linting.similarity import near_duplicates

    base = tuple(range(0, 64 * 1000, 1000))
    near = (*base[:-1], 7)
    pairs = near_duplicates([("near", near), ("first", base), ("second", base)], 0.8)
    assert pairs == [("near", "first", 63 / 64), ("first", "second", 1.0)]


def _reference_near_duplicates(items: list[tuple[int, tuple[int, ...]]], threshold: float,
                               bucket_cap: int, candidate_cap: int
                               ) -> list[tuple[int, int, float]]:
    """near_duplicates as its docstring says, step by step for every item."""
    rows = SIGNATURE_SIZE // 16
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    pairs = []
    for index, (key, sig) in enumerate(items):
        bands = [(band, sig[band * rows:(band + 1) * rows]) for band in range(16)]
        candidates: list[int] = []
        for band in bands:
            for member in buckets.get(band, []):
                if member not in candidates and len(candidates) < candidate_cap:
                    candidates.append(member)
        if candidates:
            scores = [estimate(sig, items[other][1]) for other in candidates]
            best = 1.0 if sig in [items[other][1] for other in candidates] else max(scores)
            closest = ([items[other][1] for other in candidates].index(sig) if best == 1.0
                       and sig in [items[other][1] for other in candidates]
                       else scores.index(best))
            if best >= threshold:
                pairs.append((items[candidates[closest]][0], key, best))
        for band in bands:
            if len(buckets.setdefault(band, [])) < bucket_cap:
                buckets[band].append(index)
    return pairs


def test_many_copies_and_near_copies_are_paired_as_item_by_item() -> None:
    """Batches of many copies of a few texts (buckets long full), with near-copies among
    them: every item is paired as comparing it with its candidates one by one would pair it,
    also once its copies are found without looking at the buckets again."""
    rng = random.Random(17)
    for cap, candidates in ((8, 64), (2, 3), (1, 1)):
        bases = [tuple(rng.randrange(1 << 26) for _ in range(SIGNATURE_SIZE)) for _ in range(4)]
        items = []
        for key in range(300):
            sig = list(rng.choice(bases))
            for _ in range(rng.choice((0, 0, 0, 1, 3, 20))):
                sig[rng.randrange(SIGNATURE_SIZE)] = rng.randrange(1 << 26)
            items.append((key, tuple(sig)))
        expected = _reference_near_duplicates(items, 0.5, cap, candidates)
        assert near_duplicates(items, 0.5, bucket_cap=cap, candidate_cap=candidates) == expected
        assert sum(1 for pair in expected if pair[2] == 1.0) > 100


def _is_sampled(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code < 0xA000 and ((code * 0x9E3779B1) & 0xFFFFFFFF) >> 30 == 0


def test_sampled_shingles_are_those_that_start_with_a_sampled_character() -> None:
    """Every shingle that starts with a sampled character, and only those: overlapping ones
    (sampled characters side by side), one that ends the text, for every shingle size."""
    rng = random.Random(3)
    sampled = [ch for ch in map(chr, range(0x4E00, 0x4F00)) if _is_sampled(ch)]
    unsampled = [ch for ch in map(chr, range(0x4E00, 0x4F00)) if not _is_sampled(ch)]
    alphabet = sampled[:6] + unsampled[:6] + list("0123，。 ab")
    for size in (1, 2, 4, 5, 6):
        for length in (size + 1, 30, 400):
            text = "".join(rng.choice(alphabet) for _ in range(length)) + sampled[0] * size
            norm = normalise(text)
            expected = {zlib.crc32(norm[i:i + size].encode("utf-32-le"))
                        for i in range(len(norm) - size + 1) if _is_sampled(norm[i])}
            assert sampled_shingles(text, size) == expected, (size, length)


def _reference_signature(hashes: set[int]) -> tuple[int, ...]:
    """The signature by its definition: each bin's smallest value; an empty bin takes the next
    filled bin's (cyclically) plus its distance times one more than any value."""
    if not hashes:
        return ()
    shift = 32 - (SIGNATURE_SIZE - 1).bit_length()
    smallest: dict[int, int] = {}
    for value in hashes:
        smallest[value >> shift] = min(value, smallest.get(value >> shift, value))
    bins = []
    for index in range(SIGNATURE_SIZE):
        distance = next(d for d in range(SIGNATURE_SIZE)
                        if (index + d) % SIGNATURE_SIZE in smallest)
        source = smallest[(index + distance) % SIGNATURE_SIZE]
        bins.append((source & ((1 << shift) - 1)) + distance * (1 << shift))
    return tuple(bins)


def test_signature_matches_its_definition_with_few_and_many_hashes() -> None:
    """Sets that leave most bins empty, a few, or none; the first and the last bin empty (an
    empty last bin borrows from the first filled one, one round later)."""
    rng = random.Random(13)
    shift = 32 - (SIGNATURE_SIZE - 1).bit_length()
    for size in (1, 2, 5, 40, 300, 3000):
        hashes = {rng.getrandbits(32) for _ in range(size)}
        assert signature(hashes) == _reference_signature(hashes), size
        assert signature(hashes) == signature(iter(sorted(hashes) * 2)), size
    middle = {(index << shift) + rng.getrandbits(shift) for index in range(1, SIGNATURE_SIZE - 1)}
    assert signature(middle) == _reference_signature(middle)


def test_the_sampled_characters_file_holds_the_sampled_characters() -> None:
    """The class of sampled characters is read from a file rather than chosen at every run:
    the file holds exactly the characters of the definition (regenerate it as
    ``similarity._SAMPLED`` says when the definition changes)."""
    from pathlib import Path

    from gipr_lint.linting import similarity

    chosen = similarity.sampled_characters()
    assert len(chosen) == similarity._SAMPLED_COUNT
    assert all(_is_sampled(char) for char in chosen)
    written = Path(similarity.__file__).parent.parent / similarity._SAMPLED
    assert written.read_text(encoding="utf-8").strip() == chosen
    assert similarity._sample_class() == f"[{chosen}]"


def _folded_the_plain_way(text: str) -> str:
    """What normalising folds a text to, by its definition: NFKC, then every non-word
    character (and ``_``) dropped."""
    import re
    import unicodedata

    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text))


def test_the_plain_characters_are_left_alone_by_nfkc_wherever_they_stand() -> None:
    """Every character of the plain class is its own NFKD form with no combining class (or a
    full-width form whose NFKC form is such a character), and no two of them compose: so a
    text of them is folded by narrowing its full-width forms alone."""
    import unicodedata

    from gipr_lint.linting import similarity

    plain = {ch for ch in map(chr, range(0x110000)) if similarity._PLAIN.fullmatch(ch)}
    assert len(plain) > 20000
    for ch in plain:
        folded = similarity._NARROW.get(ch, ch)
        assert unicodedata.normalize("NFKD", folded) == folded, hex(ord(ch))
        assert unicodedata.combining(folded) == 0, hex(ord(ch))
        assert folded in plain, hex(ord(ch))
    for code in range(0x110000):  # no canonical pair of two plain characters
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            first, second = (chr(int(part, 16)) for part in parts)
            assert not (first in plain and second in plain), hex(code)
    wide_words = {ch for ch in similarity._NARROW if similarity._WIDE_WORD.fullmatch(ch)}
    assert wide_words == {ch for ch, narrow in similarity._NARROW.items() if narrow.isalnum()}


def test_normalising_plain_and_other_texts_is_the_plain_definition() -> None:
    """The shortcut for texts of plain characters folds exactly as NFKC then dropping
    punctuation does: random texts of plain characters, of plain and other characters (a
    combining mark after a full-width form, compatibility forms, Hangul), and the seeds."""
    from gipr_lint.linting import similarity

    rng = random.Random(23)
    plain = "政府信息公开年报件〇、。《》“”□·×—0123456789０１９ＡＺａｚAz_，（）％：\u3000\xa0 \n\t"
    other = plain + "\u0301\u0338①Ⅱ…㈠™한ﬁ\u3099"
    for alphabet in (plain, other):
        for length in (0, 1, 2, 5, 40, 400):
            for _ in range(60):
                text = "".join(rng.choice(alphabet) for _ in range(length))
                assert similarity._words(text) == _folded_the_plain_way(text), repr(text)
    for text in SEEDS.values():
        assert similarity._PLAIN.fullmatch(text) is not None
        assert similarity._words(text) == _folded_the_plain_way(text)
    assert normalise("Ａ\u0301１２3，ｂ") == "Á0b"


def test_the_plain_word_class_is_that_of_the_general_pattern() -> None:
    """Among the plain characters, the shortcut's class of what normalising keeps holds
    exactly those ``[\\W_]`` does not match (in this Python's Unicode); the narrow plain ones are
    the plain ones but the full-width letters and digits."""
    from gipr_lint.linting import similarity

    general = re.compile(r"[\W_]")
    for ch in map(chr, range(0x110000)):
        if similarity._PLAIN.fullmatch(ch):
            dropped = similarity._PLAIN_WORDS.fullmatch(ch) is None
            assert dropped == (general.fullmatch(ch) is not None), hex(ord(ch))
        narrow = similarity._PLAIN_NARROW.fullmatch(ch) is not None
        assert narrow == (similarity._PLAIN.fullmatch(ch) is not None
                          and similarity._WIDE_WORD.fullmatch(ch) is None), hex(ord(ch))


def test_the_marks_deleted_first_are_plain_marks_normalising_drops() -> None:
    """The marks :func:`similarity._plain_words` deletes before it finds the word runs are
    plain narrow characters that are not word characters (so deleting them changes nothing),
    and texts full of them fold as the plain definition says."""
    from gipr_lint.linting import similarity

    for mark in similarity._COMMON_MARKS:
        assert similarity._PLAIN_NARROW.fullmatch(mark) is not None, mark
        assert similarity._PLAIN_WORDS.search(mark) is None, mark
    rng = random.Random(29)
    alphabet = "政府信息公开件〇0９Ａa,，、。 \n《》"
    for length in (1, 2, 7, 300):
        for _ in range(40):
            text = "".join(rng.choice(alphabet) for _ in range(length))
            assert similarity._words(text) == _folded_the_plain_way(text), repr(text)
    assert normalise("共收到申请5件,其中、予以公开，3件。") == "共收到申请0件其中予以公开0件"
