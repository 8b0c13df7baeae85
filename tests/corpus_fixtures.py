"""Small news texts for the store tests, and coded documents built by hand for the event tests.

The NEWS texts are coded by the real pipeline; the hand-built documents (``report``) carry
events with real spans into their texts, so de-duplication and the GDELT exports are tested
on known events whatever the event coder finds.
"""
from __future__ import annotations

import json
from pathlib import Path

NEWS = [
    {"id": "tass-rus-blr-air-defence", "date": "2020-09-14", "source": "TASS",
     "url": "https://tass.com/politics/1200001",
     "text": "Russia and Belarus signed an agreement on joint air defence on Monday, the Kremlin said. "
             "Russian President Vladimir Putin met Belarusian President Alexander Lukashenko in Sochi."},
    {"id": "bbc-stepanakert-shelling", "date": "2020-09-27", "source": "BBC News",
     "url": "https://www.bbc.com/news/world-europe-54314341",
     "text": "Azerbaijani forces shelled the city of Stepanakert on Sunday, Armenian officials said. "
             "Armenia's defence ministry said that the attack had killed two civilians."},
    {"id": "aljazeera-stepanakert", "date": "2020-09-28", "source": "Al Jazeera",
     "url": "https://www.aljazeera.com/news/2020/9/28/stepanakert",
     "text": "Azerbaijan shelled Stepanakert, the main city of Nagorno-Karabakh, on Sunday morning, "
             "according to Armenian authorities. Baku denied targeting civilians."},
    {"id": "reuters-turkey-backs-baku", "date": "2020-09-28", "source": "Reuters",
     "url": "https://www.reuters.com/article/turkey-azerbaijan",
     "text": "Turkey condemned Armenia and said it stood with Azerbaijan. Turkish Foreign Minister "
             "Mevlut Cavusoglu said Ankara would support Baku with all its means."},
    {"id": "tass-lavrov-ceasefire", "date": "2020-09-29", "source": "TASS",
     "url": "https://tass.com/politics/1206001",
     "text": "Russian Foreign Minister Sergei Lavrov called on Armenia and Azerbaijan to stop the fighting. "
             "\u201cWe urge both sides to observe a ceasefire,\u201d Lavrov told reporters in Moscow."},
    {"id": "euractiv-eu-belarus-sanctions", "date": "2020-10-02", "source": "EURACTIV",
     "url": "https://www.euractiv.com/section/europe-s-east/news/eu-belarus-sanctions/",
     "text": "The European Union imposed sanctions on Belarus over the disputed presidential election, "
             "EU foreign ministers said on Friday."},
    {"id": "scmp-china-us-trade", "date": "2020-08-25", "source": "South China Morning Post",
     "url": "https://www.scmp.com/economy/china-us-trade-talks",
     "text": "China and the United States agreed to resume trade talks, China's commerce ministry said "
             "on Tuesday. The two sides spoke by telephone."},
    {"id": "ap-iran-accuses-israel", "date": "2020-11-28", "source": "Associated Press",
     "url": "https://apnews.com/article/iran-israel-scientist",
     "text": "Iran accused Israel of killing a nuclear scientist near Tehran. Iranian Foreign Minister "
             "Mohammad Javad Zarif said there were serious indications of an Israeli role."},
    {"id": "france24-zelensky-macron", "date": "2020-10-05", "source": "France 24",
     "url": "https://www.france24.com/en/zelensky-macron",
     "text": "Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris on "
             "Monday to discuss the conflict in eastern Ukraine."},
    {"id": "dw-nato-baltic", "date": "2020-10-22", "source": "Deutsche Welle",
     "url": "https://www.dw.com/en/nato-baltic",
     "text": "NATO Secretary General Jens Stoltenberg said the alliance would strengthen its presence "
             "in the Baltic states. \u201cWe will defend every inch of allied territory,\u201d Stoltenberg said."},
    {"id": "ahram-egypt-libya-troops", "date": "2020-07-20", "source": "Ahram Online",
     "url": "https://english.ahram.org.eg/egypt-libya",
     "text": "Egypt's parliament approved the deployment of troops to Libya, state media reported on "
             "Monday. Cairo warned Turkey against an advance on Sirte."},
    {"id": "kyodo-japan-korea-talks", "date": "2020-11-11", "source": "Kyodo",
     "url": "https://english.kyodonews.net/japan-korea-talks",
     "text": "Japan and South Korea held talks in Tokyo on Wednesday on the dispute over wartime labour. "
             "Seoul urged Tokyo to show flexibility."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def report(doc_id: str, text: str, date: str | None, source: str | None, url: str | None,
           events: list[tuple], **more):
    """A hand-coded document. ``events``: (source, target, cameo, sentence, trigger, extra) where
    ``sentence`` and ``trigger`` are substrings of ``text`` and ``extra`` a dict of Event fields."""
    from detente.model import Actor, CodedDocument, Event, Quote

    events_out = []
    actors: dict[str, Actor] = {}
    names = {"RUS": "Russia", "UKR": "Ukraine", "AZE": "Azerbaijan", "ARM": "Armenia", "USA": "United States",
             "IRN": "Iran"}
    for src, tgt, cameo, sentence, trigger, extra in events:
        s = text.index(sentence)
        t = text.index(trigger, s)
        src_at = text.find(names.get(src, src), s)
        tgt_at = text.find(names.get(tgt, tgt), s)
        ev = Event(source=src, target=tgt, cameo=cameo, text=sentence, span=(s, s + len(sentence)),
                   root=cameo[:2], base=cameo[:3], name=f"CAMEO {cameo}", goldstein=-10.0 if cameo[:2] >= "18" else 3.0,
                   quad_class=4 if cameo[:2] >= "18" else 1, date=date, trigger=trigger,
                   trigger_span=(t, t + len(trigger)),
                   source_span=(src_at, src_at + len(names.get(src, src))) if src_at >= 0 else None,
                   target_span=(tgt_at, tgt_at + len(names.get(tgt, tgt))) if tgt_at >= 0 else None,
                   **(extra or {}))
        events_out.append(ev)
        for actor_id, at in ((src, src_at), (tgt, tgt_at)):
            a = actors.setdefault(actor_id, Actor(id=actor_id, type="igo" if actor_id == "NATO" else "state",
                                                  name=names.get(actor_id, actor_id), sectors=["GOV"]))
            if at >= 0 and (at, at + len(names.get(actor_id, actor_id))) not in a.spans:
                a.spans.append((at, at + len(names.get(actor_id, actor_id))))
    quotes = []
    for speaker, actor, quoted in more.get("quotes", []):
        q = text.index(quoted)
        sp = text.index(speaker.split()[-1])
        quotes.append(Quote(text=quoted, speaker=speaker, direct=True, speaker_type="person", speaker_actor=actor,
                            cue="said", span=(q, q + len(quoted)), spans=[(q, q + len(quoted))],
                            speaker_span=(sp, sp + len(speaker.split()[-1]))))
    from detente.model import content_hash

    return CodedDocument(id=doc_id, date=date, text=text, url=url, source=source, hash=content_hash(text),
                         actors=list(actors.values()), events=events_out, quotes=quotes)


def dedup_reports():
    """Four articles: one air strike reported by two outlets a day apart (one of them in two
    sentences, with two CAMEO sub-codes), a later strike with a denial (negated) beside it,
    and a NATO statement with a quote."""
    a = report("kyiv-post-strikes", "Russian jets bombed Ukraine's Kharkiv region on Monday, officials said. "
               "Russian aircraft struck Ukraine's border villages overnight.", "2022-03-07", "Kyiv Post",
               "https://www.kyivpost.com/post/1", [
                   ("RUS", "UKR", "195", "Russian jets bombed Ukraine's Kharkiv region on Monday", "bombed", None),
                   ("RUS", "UKR", "1951", "Russian aircraft struck Ukraine's border villages", "struck", None),
               ])
    b = report("reuters-strikes", "Russia launched air strikes on Ukraine on Monday, Ukrainian authorities said.",
               "2022-03-08", "Reuters", "https://www.reuters.com/world/europe/2", [
                   ("RUS", "UKR", "1951", "Russia launched air strikes on Ukraine", "launched", None),
               ])
    c = report("bbc-later-strikes", "Russia bombed Ukraine again on Sunday. Russia did not bomb Kyiv.",
               "2022-03-14", "BBC News", "https://www.bbc.com/news/3", [
                   ("RUS", "UKR", "195", "Russia bombed Ukraine again", "bombed", None),
                   ("RUS", "UKR", "195", "Russia did not bomb Kyiv", "bomb", {"negated": True}),
               ])
    d = report("nato-statement", "NATO condemned Russia on Tuesday. \u201cThis is a brutal war,\u201d "
               "Jens Stoltenberg said.", "2022-03-08", "NATO", None, [
                   ("NATO", "RUS", "122", "NATO condemned Russia", "condemned", None),
               ], quotes=[("Jens Stoltenberg", "NATO", "This is a brutal war,")])
    return [a, b, c, d]
