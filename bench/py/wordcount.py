"""Word count: makes a deterministic pseudo-random text of N words (a
small linear congruential generator picks made-up words with a skewed
distribution, capitalises sentence starts, scatters punctuation and line
breaks), then splits it, lowercases, strips punctuation, counts the words
in a dict, sorts by count (descending) then word, and prints the top 20.
Stresses str building and methods, dict get/set with str keys, sorting
with a key function.

    python3 wordcount.py [N]
"""
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "ven", "dar",
             "el", "os", "qui", "zu", "ba", "fe", "gri", "an", "tho", "ul"]
TRAILERS = [",", ",", ".", ";", ":", "!", "?", "...", ")", "'", '"']
LEADERS = ["(", "'", '"', "--"]
STRIP = ",.;:!?()'\"-"


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % bound


def make_vocabulary(rng, size):
    words = []
    seen = set()
    while len(words) < size:
        parts = []
        for _ in range(1 + rng.next(4)):
            parts.append(SYLLABLES[rng.next(len(SYLLABLES))])
        w = "".join(parts)
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def make_text(rng, vocab, nwords):
    v = len(vocab)
    out = []
    line_len = 0
    start_sentence = True
    for _ in range(nwords):
        # the product of two uniform draws favours the low indexes
        word = vocab[rng.next(v) * rng.next(v) // v]
        roll = rng.next(100)
        if start_sentence:
            word = word.capitalize()
            start_sentence = False
        elif roll < 3:
            word = word.upper()
        if roll >= 95:
            word = LEADERS[roll % len(LEADERS)] + word
        if roll < 12:
            trailer = TRAILERS[rng.next(len(TRAILERS))]
            word += trailer
            if trailer in ".!?...":
                start_sentence = True
        out.append(word)
        line_len += len(word) + 1
        if line_len > 70:
            out.append("\n")
            line_len = 0
        else:
            out.append(" ")
    return "".join(out)


def count_words(text):
    counts = {}
    for token in text.split():
        word = token.lower().strip(STRIP)
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rng = Lcg(20231121)
    vocab = make_vocabulary(rng, 3000)
    text = make_text(rng, vocab, n)
    counts = count_words(text)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(counts.values())
    lines = text.count("\n")
    print(f"wordcount words={total} distinct={len(counts)} lines={lines} chars={len(text)}")
    for word, c in ranked[:20]:
        print(f"{word:<14}{c:>8}")
    checksum = 0
    for rank, (word, c) in enumerate(ranked):
        checksum = (checksum * 31 + c * len(word) + rank) % 1000000007
    print(f"checksum: {checksum}")


main()
