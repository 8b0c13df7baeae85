"""Natasha's analysis of a Russian text, turned into the spaCy ``Doc`` every stage reads.

Natasha (Slovnet models shipped inside the wheels, no download) segments the text, tags
UD morphology, parses UD dependencies and finds PER/LOC/ORG names; its MorphVocab
(pymorphy3) gives lemmas. The Doc carries words with their real spacing (so character
offsets are the article's), lemmas (lower case, ё written е so that knowledge-base forms
match either spelling), POS, morphology, heads and dependency labels, sentence starts and
entities (PERSON, LOC, ORG). Natasha's normalised entity forms ("в Нагорном Карабахе" ->
"Нагорный Карабах") are kept in ``doc.user_data["normal"]`` keyed by the entity's
character span.

    >>> doc = parse("Москва призвала Баку к сдержанности.")
    >>> [(t.text, t.lemma_, t.dep_) for t in doc][:2]
    [('Москва', 'москва', 'nsubj'), ('призвала', 'призвать', 'root')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}


@lru_cache(maxsize=1)
def _natasha():
    from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         NewsSyntaxParser, Segmenter)
    from threadpoolctl import threadpool_limits

    # Slovnet multiplies small matrices with numpy: a multi-threaded BLAS spends more on waking its
    # threads than on the work (measured here: 1.7 s per article with the default threads, 0.14 s
    # with one), and a coding process is one worker per core anyway.
    threadpool_limits(limits=1, user_api="blas")
    emb = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb), MorphVocab()


@lru_cache(maxsize=1)
def vocab():
    """One vocabulary for every Russian Doc and for the matchers built over them."""
    import spacy

    return spacy.blank("ru").vocab


def fold_lemma(lemma: str) -> str:
    return lemma.lower().replace("ё", "е")


def parse(text: str) -> Doc:
    """The spaCy Doc of a Russian text, from natasha's analysis."""
    from natasha import Doc as NDoc

    segmenter, morph, syntax, ner, morph_vocab = _natasha()
    words, spaces, lemmas, pos, morphs, heads, deps, starts = [], [], [], [], [], [], [], []
    char_to_token: dict[int, int] = {}
    entities = []
    # Each paragraph is analysed on its own: a paragraph break always ends a sentence (a headline or
    # a lead without a final full stop would otherwise run into the next paragraph).
    for para in re.finditer(r"[^\n]+", text):
        offset = para.start()
        nd = NDoc(para.group())
        nd.segment(segmenter)
        nd.tag_morph(morph)
        nd.parse_syntax(syntax)
        nd.tag_ner(ner)
        entities += [(offset, span) for span in nd.spans]
        for sent in nd.sents:
            _add_sentence(sent, offset, morph_vocab, words, lemmas, pos, morphs, heads, deps, starts, char_to_token)
    if not words:
        return Doc(vocab(), words=[])
    _break_cycles(heads, deps, starts)
    # Spacing from the text itself: what lies between one token and the next.
    token_starts = sorted(char_to_token)
    for n, s in enumerate(token_starts):
        end = s + len(words[n])
        nxt = token_starts[n + 1] if n + 1 < len(token_starts) else len(text)
        spaces.append(text[end:nxt])
    doc = Doc(vocab(), words=words, spaces=[g == " " for g in spaces], lemmas=lemmas, pos=pos,
              morphs=morphs, heads=heads, deps=deps, sent_starts=starts)
    doc = _with_gaps(doc, text, words, spaces, token_starts)
    normal = {}
    ents = []
    for offset, span in entities:
        span.normalize(morph_vocab)
        ent = doc.char_span(offset + span.start, offset + span.stop, label=_LABELS.get(span.type, span.type),
                            alignment_mode="expand")
        if ent is not None and not any(e.start < ent.end and ent.start < e.end for e in ents):
            ents.append(ent)
            normal[(ent.start_char, ent.end_char)] = span.normal or span.text
    doc.ents = sorted(ents, key=lambda e: e.start)
    doc.user_data["normal"] = normal
    doc.user_data["language"] = "ru"
    return doc


def _add_sentence(sent, offset, morph_vocab, words, lemmas, pos, morphs, heads, deps, starts, char_to_token):
    """Append one natasha sentence's tokens (offsets shifted by the paragraph's start)."""
    base = len(words)
    ids = {tok.id: base + k for k, tok in enumerate(sent.tokens)}
    for k, tok in enumerate(sent.tokens):
        tok.lemmatize(morph_vocab)
        i = base + k
        char_to_token[offset + tok.start] = i
        words.append(tok.text)
        lemmas.append(fold_lemma(tok.lemma or tok.text))
        pos.append(tok.pos or "X")
        morphs.append("|".join(f"{k2}={v}" for k2, v in sorted((tok.feats or {}).items())))
        head = ids.get(tok.head_id)
        heads.append(i if head is None else head)
        deps.append("ROOT" if head is None or tok.rel == "root" else (tok.rel or "dep"))
        starts.append(k == 0)


def _break_cycles(heads: list[int], deps: list[str], starts: list[bool]) -> None:
    """The parser can return a head chain that loops; spaCy needs a tree. A loop is cut by
    attaching one of its tokens to the sentence's root (a second root would split the sentence)."""
    n = len(heads)
    sent_of, s = [], -1
    for i in range(n):
        s = i if starts[i] else s
        sent_of.append(s)
    root_of = {}
    for i in range(n):
        if heads[i] == i:
            root_of.setdefault(sent_of[i], i)
    for i in range(n):
        seen = set()
        j = i
        while heads[j] != j and j not in seen:
            seen.add(j)
            j = heads[j]
        if heads[j] != j:  # came back to a token already seen: a loop
            root = root_of.get(sent_of[j])
            if root is None:
                heads[j], deps[j] = j, "ROOT"
                root_of[sent_of[j]] = j
            else:
                heads[j], deps[j] = root, "dep"
    for i in range(n):  # a second root in one of natasha's sentences hangs from the first
        root = root_of.get(sent_of[i])
        if heads[i] == i and root is not None and root != i:
            heads[i], deps[i] = root, "parataxis"


def _with_gaps(doc: Doc, text: str, words, gaps, token_starts) -> Doc:
    """When the text between tokens is more than one space (new lines, leading spaces), rebuild
    the Doc with whitespace tokens, as spaCy's own tokenizer does, so offsets stay the text's."""
    if doc.text == text:
        return doc
    from spacy.tokens import Doc as SDoc

    new_words, new_spaces, index = [], [], []
    lead = text[:token_starts[0]] if token_starts else text
    if lead:
        new_words.append(lead)
        new_spaces.append(False)
        index.append(None)
    for n, (w, gap) in enumerate(zip(words, gaps)):
        index.append(n)
        new_words.append(w)
        if gap == "":
            new_spaces.append(False)
        elif gap == " ":
            new_spaces.append(True)
        else:
            trailing_space = gap.startswith(" ")
            new_spaces.append(trailing_space)
            rest = gap[1:] if trailing_space else gap
            if rest:
                new_words.append(rest)
                new_spaces.append(False)
                index.append(None)
    old_to_new = {old: new for new, old in enumerate(index) if old is not None}
    heads, deps, lemmas, pos, morphs, starts = [], [], [], [], [], []
    for new, old in enumerate(index):
        if old is None:  # whitespace: attached to the token before it, like spaCy does
            prev = new - 1 if new > 0 else (new + 1 if new + 1 < len(index) else new)
            heads.append(prev)
            deps.append("dep")
            lemmas.append(new_words[new])
            pos.append("SPACE")
            morphs.append("")
            starts.append(new == 0)
        else:
            tok = doc[old]
            heads.append(old_to_new[tok.head.i])
            deps.append(tok.dep_)
            lemmas.append(tok.lemma_)
            pos.append(tok.pos_)
            morphs.append(str(tok.morph))
            starts.append(bool(tok.is_sent_start))
    # A whitespace token never starts a sentence; the word after it keeps its own start.
    rebuilt = SDoc(doc.vocab, words=new_words, spaces=new_spaces, lemmas=lemmas, pos=pos, morphs=morphs,
                   heads=heads, deps=deps, sent_starts=starts)
    return rebuilt
