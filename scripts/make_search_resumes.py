"""Deterministic résumés written for this project, for the search tests and ``bench/search.py``.

Every person, school and company is invented. ``corpus(n)`` returns ``n`` people whose résumés are 3–6 KB
of our own sentences; the first few are *planted*, with the facts the relevance tests look for (see
``PLANTED``), and the rest are background drawn from the same vocabulary with a seeded generator.

    python scripts/make_search_resumes.py N   # prints N résumés as JSON Lines
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

FIRST = [
    "Amara",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farah",
    "Goran",
    "Hana",
    "Ines",
    "Jonas",
    "Kaito",
    "Lena",
    "Mateo",
    "Nia",
    "Oskar",
    "Priti",
    "Quentin",
    "Rosa",
    "Sami",
    "Tomas",
    "Uma",
    "Vera",
    "Wren",
    "Yusuf",
    "Zofia",
]
LAST = [
    "Abara",
    "Bergstrom",
    "Castell",
    "Dunmore",
    "Eskola",
    "Ferreira",
    "Galloway",
    "Holm",
    "Ivers",
    "Jankowski",
    "Kovalenko",
    "Lindqvist",
    "Marchetti",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quist",
    "Rahimi",
    "Soto",
    "Tanaka",
    "Ulloa",
    "Varga",
    "Whitlock",
    "Yilmaz",
    "Zeller",
]
FIELDS = {
    "data engineering": (["Spark", "Kafka", "Airflow", "dbt", "SQL", "Python", "Snowflake"], "Data Engineer"),
    "frontend": (["React", "TypeScript", "CSS", "Accessibility", "Vite", "GraphQL"], "Frontend Developer"),
    "nursing": (["Triage", "Patient care", "Pediatrics", "Wound care", "Charting"], "Registered Nurse"),
    "accounting": (["IFRS", "Audit", "Excel", "Payroll", "Tax returns", "SAP"], "Accountant"),
    "design": (["Figma", "Prototyping", "User research", "Illustration", "Typography"], "Product Designer"),
    "teaching": (["Curriculum", "Mathematics", "Classroom management", "Tutoring"], "Teacher"),
    "logistics": (["Forecasting", "Warehousing", "Routing", "Procurement", "Excel"], "Logistics Planner"),
}
EMPLOYERS = [
    "Northwind Harbor Co.",
    "Bluefen Analytics",
    "Copperleaf Health",
    "Driftwood Foods",
    "Emberline Rail",
    "Fernhill Schools",
    "Granite Ledger LLP",
    "Hollowbrook Studio",
]
SCHOOLS = [
    "University of Lakeshore",
    "Riverside College",
    "Northgate Institute",
    "Kestrel Polytechnic",
    "Westmarch University",
]
SENTENCES = [
    "Worked closely with {team} to deliver {thing} on a tight schedule.",
    "Improved {thing} so that {team} spent less time on manual steps.",
    "Mentored two junior colleagues and wrote the onboarding guide for {team}.",
    "Presented {thing} to leadership and turned the feedback into a quarterly plan.",
    "Kept the {thing} running through a migration without losing a day of work.",
    "Volunteered at the community centre teaching {skill} on weekends.",
]
THINGS = [
    "the reporting pipeline",
    "the booking flow",
    "the shift rota",
    "the supplier portal",
    "the budget model",
]
TEAMS = [
    "the operations team",
    "two product squads",
    "the finance office",
    "the ward staff",
    "the sales group",
]


@dataclass(frozen=True)
class Doc:
    name: str
    email: str
    phone: str
    organization: str
    role: str
    text: str
    fields: dict[str, Any] = field(default_factory=dict)
    received_at: str = "2026-04-15T09:00:00+00:00"


# The relevance fixtures: (query, the email that must rank first). Each planted résumé is written so that
# a coordinator would say "that one" for its query, with background résumés sharing most of its words.
PLANTED = [
    Doc(
        "Zoë Brandt",
        "zoe.brandt@example.org",
        "+41445550101",
        "Alpwise AG",
        "Data Engineer",
        "Zoë Brandt, Zürich. Data engineer building streaming pipelines with Kafka and Spark at Alpwise AG. "
        "Designed a lakehouse for railway sensor data; cut nightly batch time from six hours to forty minutes.",
        {
            "skills": ["Kafka", "Spark", "Scala"],
            "education": [{"school": "ETH Zürich", "degree": "MSc"}],
            "experience": [{"employer": "Alpwise AG", "title": "Data Engineer"}],
        },
    ),
    Doc(
        "Kwame Asante",
        "kwame.asante@example.com",
        "+233205550144",
        "Copperleaf Health",
        "Nurse Practitioner",
        "Kwame Asante. Nurse practitioner in paediatric oncology, eight years on the children's ward. "
        "Led the introduction of a pain assessment scale for non-verbal patients.",
        {
            "skills": ["Paediatric oncology", "Pain assessment"],
            "education": [{"school": "Riverside College"}],
            "experience": [{"employer": "Copperleaf Health", "title": "Nurse Practitioner"}],
        },
    ),
    Doc(
        "Ilse Marchetti",
        "ilse.marchetti@example.net",
        "+390655550177",
        "Granite Ledger LLP",
        "Forensic Accountant",
        "Ilse Marchetti. Forensic accountant: traced invoice fraud across three subsidiaries, testified as an "
        "expert witness, and rebuilt the controls for vendor onboarding.",
        {
            "skills": ["Forensic accounting", "IFRS"],
            "education": [{"school": "Westmarch University"}],
            "experience": [{"employer": "Granite Ledger LLP", "title": "Forensic Accountant"}],
        },
    ),
    Doc(
        "Ravi Lindqvist",
        "ravi.lindqvist@example.org",
        "+46855550123",
        "Hollowbrook Studio",
        "Type Designer",
        "Ravi Lindqvist. Type designer; drew a variable typeface for Devanagari and Latin used on signage in "
        "four airports. Teaches letterforms in evening classes.",
        {
            "skills": ["Typography", "Variable fonts"],
            "education": [{"school": "Kestrel Polytechnic"}],
            "experience": [{"employer": "Hollowbrook Studio", "title": "Type Designer"}],
        },
    ),
]
RELEVANCE = [
    ("zurich kafka", "zoe.brandt@example.org"),  # diacritics folded: Zürich
    ('"streaming pipelines"', "zoe.brandt@example.org"),
    ("paediatric oncology", "kwame.asante@example.com"),
    ("forens* fraud", "ilse.marchetti@example.net"),
    ("expert witness OR testified", "ilse.marchetti@example.net"),
    ("typeface devanagari", "ravi.lindqvist@example.org"),
    ("Brandt", "zoe.brandt@example.org"),  # a name outranks any body text
    ("alpwise", "zoe.brandt@example.org"),  # organisation
]


def _background(rng: random.Random, i: int) -> Doc:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    area = rng.choice(sorted(FIELDS))
    skills, title = FIELDS[area]
    chosen = rng.sample(skills, k=min(4, len(skills)))
    employer, school = rng.choice(EMPLOYERS), rng.choice(SCHOOLS)
    lines = [f"{first} {last}", f"{title} with experience in {area}.", "Experience"]
    target = rng.randint(3000, 6000)
    while sum(len(line) + 1 for line in lines) < target:
        lines.append(
            rng.choice(SENTENCES).format(
                team=rng.choice(TEAMS), thing=rng.choice(THINGS), skill=rng.choice(chosen)
            )
        )
        if rng.random() < 0.15:
            lines.append(f"Skills used: {', '.join(rng.sample(chosen, k=2))}. Employer: {employer}.")
    lines += ["Education", f"{school}, 20{rng.randint(5, 22):02d}", "Skills", ", ".join(chosen)]
    return Doc(
        name=f"{first} {last}",
        email=f"{first.lower()}.{last.lower()}.{i}@example.org",
        phone=f"+1206555{i % 10000:04d}",
        organization=employer,
        role=title,
        text="\n".join(lines),
        fields={
            "skills": chosen,
            "education": [{"school": school}],
            "experience": [{"employer": employer, "title": title}],
        },
        received_at=datetime(2025, 1 + i % 12, 1 + i % 28, tzinfo=UTC).isoformat(),
    )


def corpus(n: int, seed: int = 12) -> list[Doc]:
    """``n`` people: the planted ones first, then seeded background; the same output on every run."""
    return list(iter_corpus(n, seed))


def iter_corpus(n: int, seed: int = 12) -> Iterator[Doc]:
    """``corpus(n)`` one person at a time: 100,000 résumés held at once took 650 MB."""
    rng = random.Random(seed)
    yield from PLANTED[:n]
    for i in range(min(n, len(PLANTED)), n):
        yield _background(rng, i)


def load(engine: Any, docs: Iterable[Doc], batch: int = 500) -> None:
    """Insert the people and their résumés through the schema (the search triggers index them)."""
    from inboxbroker.store import schema
    from inboxbroker.store.outcomes import resume_keywords

    now = datetime.now(UTC)
    rest = iter(docs)
    while chunk := list(itertools.islice(rest, batch)):
        with engine.begin() as conn:
            people = [
                {
                    "email": d.email,
                    "name": d.name,
                    "phone": d.phone,
                    "organization": d.organization,
                    "role": d.role,
                    "created_at": now,
                    "updated_at": now,
                }
                for d in chunk
            ]
            conn.execute(schema.Person.insert(), people)
            ids = dict(
                conn.execute(
                    schema.Person.select()
                    .with_only_columns(schema.Person.c.email, schema.Person.c.id)
                    .where(schema.Person.c.email.in_([d.email for d in chunk]))
                ).all()
            )
            conn.execute(
                schema.Resume.insert(),
                [
                    {
                        "person_id": ids[d.email],
                        "text": d.text,
                        "fields": d.fields,
                        "keywords": resume_keywords(d.fields),
                        "created_at": datetime.fromisoformat(d.received_at),
                    }
                    for d in chunk
                ],
            )


if __name__ == "__main__":
    for doc in corpus(int(sys.argv[1]) if len(sys.argv) > 1 else 100):
        print(json.dumps(asdict(doc), ensure_ascii=False))
