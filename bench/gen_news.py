#!/usr/bin/env python3
"""A synthetic news corpus for load tests (bench/serve_load.sh).

Usage: gen_news.py N [SEED] > corpus.jsonl

Every word is generated here: invented people (syllable names), invented
organisations and towns, real country names (needed by the place gazetteer
and the event frames), and a few sentence templates per language written for
this generator. Nothing is copied from any corpus. The same N and SEED give
the same file.
"""
import json
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)

SYL = ["ka", "lo", "mi", "ren", "tas", "vo", "dar", "hel", "su", "nik", "ba", "tor", "lin", "ve", "zan", "mor",
       "pa", "qui", "ros", "te", "ul", "wen", "ya", "go"]


def name(parts):
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


COUNTRIES = ["Vietnam", "Russia", "Germany", "France", "Spain", "Sweden", "Indonesia", "Japan", "India", "Brazil",
             "Canada", "Mexico", "Egypt", "Kenya", "Poland", "Italy", "Norway", "Chile", "Peru", "Thailand"]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Trade Minister"]
PEOPLE = [(f"{name(2)} {name(2)}", rng.choice(ROLES), rng.choice(COUNTRIES)) for _ in range(400)]
TOWNS = [name(3) for _ in range(60)]
TOPICS = ["trade", "energy", "defence cooperation", "education", "tourism", "health", "climate", "security"]
WORDS = [name(rng.choice([1, 2, 3])).lower() for _ in range(3000)]

EN = [
    "{r1} {p1} of {c1} met {r2} {p2} of {c2} in {town} on {date}.",
    "{p1}, the {r1} of {c1}, visited {c2} on {date} and held talks with {p2}.",
    "{c1} and {c2} signed an agreement on {topic} on {date}.",
    "{p2} received {p1} in {town} on {date} to discuss {topic}.",
]
DE = ["{r1} {p1} aus {c1} traf am {date_de} in {town} {p2}.", "{c1} und {c2} unterzeichneten am {date_de} ein Abkommen."]
VI = ["Ngày {date_vi}, {p1} đã hội đàm với {p2} tại {town} về hợp tác {topic_vi}.",
      "Đoàn đại biểu {c1} thăm {c2} và thảo luận về đầu tư."]


def filler(k):
    return " ".join(rng.choice(WORDS) for _ in range(k)).capitalize() + "."


for i in range(N):
    day = 1 + i * 730 // N  # two years, in arrival order
    y, doy = 2024 + (day - 1) // 365, (day - 1) % 365
    m, d = 1 + doy // 31 % 12, 1 + doy % 28
    date = f"{y}-{m:02d}-{d:02d}"
    (p1, r1, c1), (p2, r2, c2) = rng.sample(PEOPLE, 2)
    if c1 == c2:
        c2 = rng.choice([c for c in COUNTRIES if c != c1])
    lang = rng.choices(["en", "de", "vi"], [8, 1, 1])[0]
    v = dict(p1=p1, p2=p2, r1=r1, r2=r2, c1=c1, c2=c2, town=rng.choice(TOWNS), topic=rng.choice(TOPICS),
             date=f"{d} {['January','February','March','April','May','June','July','August','September','October','November','December'][m-1]} {y}",
             date_de=f"{d}. {['Januar','Februar','März','April','Mai','Juni','Juli','August','September','Oktober','November','Dezember'][m-1]} {y}",
             date_vi=f"{d}/{m}/{y}", topic_vi=rng.choice(["kinh tế", "đầu tư", "quốc phòng", "giáo dục"]))
    templates = {"en": EN, "de": DE, "vi": VI}[lang]
    lead = rng.choice(templates).format(**v)
    body = [lead] + [filler(rng.randint(8, 20)) for _ in range(rng.randint(3, 8))]
    title = f"{p1} and {p2}: {v['topic']}" if lang == "en" else lead[:60]
    print(json.dumps({"id": f"syn-{i:06d}", "title": title, "published": date, "lang": lang,
                      "text": title + "\n\n" + "\n\n".join(body)}, ensure_ascii=False))
