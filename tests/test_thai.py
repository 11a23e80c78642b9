"""Thai tokenisation: dictionary words and character n-grams."""
from edugraph import thai


def test_words_cut_thai_without_spaces_and_drop_stop_words():
    # "promote organising learning of quality": การ, จัด, ที่ and มี are on pythainlp's stop-word list
    assert thai.words("ส่งเสริมการจัดการเรียนรู้ที่มีคุณภาพ") == ["ส่งเสริม", "การเรียนรู้", "คุณภาพ"]


def test_tokens_keep_every_word_and_drop_spaces_and_punctuation():
    assert thai.tokens("ครู, นักเรียน และผู้ปกครอง") == ["ครู", "นักเรียน", "และ", "ผู้ปกครอง"]
    assert thai.words("ครู, นักเรียน และผู้ปกครอง") == ["ครู", "นักเรียน", "ผู้ปกครอง"]


def test_thai_digits_and_case_are_normalised():
    assert thai.normalise("ข้อ ๓.๑ ICT") == "ข้อ 3.1 ict"


def test_ngrams_of_each_run():
    assert thai.ngrams("abcd e", sizes=(2, 3)) == ["ab", "bc", "cd", "abc", "bcd", "e"]
    assert thai.ngrams("ครู", sizes=(2,)) == ["คร", "รู"]


def test_stem_drops_a_nominaliser_only_before_a_word():
    assert thai.stem("การเรียนรู้") == thai.stem("เรียนรู้") == "เรียนรู้"
    assert thai.stem("ความเสมอภาค") == "เสมอภาค"
    assert thai.stem("การ") == "การ" and thai.stem("ครู") == "ครู"
