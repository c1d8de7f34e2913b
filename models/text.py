"""Text helpers the parser and the scorer share."""

from __future__ import annotations


def fold_case(text: str) -> str:
    """`text` in lower case, with every letter re.IGNORECASE matches to an ASCII one made that letter.

    The fold is the text character for character (same length, same positions), so a case-blind
    pattern written in lower case finds in the fold, case-sensitively and about twice as fast, what
    it finds in the text; and the text holds an ASCII word in any case when the fold holds it."""
    # İ ı ſ are the letters re.IGNORECASE takes for "i" and "s" that str.lower() does not make them.
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()


# Numbers written as words, as resumes and job descriptions write them ("five years", "a team of eight").
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "dozen": 12,
}
