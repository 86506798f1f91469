"""Generate the résumé fixtures in tests/fixtures/resumes/ from text written for this project.

Every person, school and company below is fictional. Each document gets an ``<name>.expected.json`` with the
fields a correct parser reads from it (written by hand here, never computed by the parser under test).

PDFs are written by hand (a minimal valid PDF with the standard Helvetica fonts), ODT and RTF too; DOCX uses
python-docx, a dev-only dependency. Output is byte-for-byte deterministic: rerun and ``git diff`` stays empty.

    python scripts/make_resumes.py [OUTDIR]
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "resumes"
ZIP_TIME = (2026, 11, 1, 9, 0, 0)

# A document is a list of lines; a line starting with "# " is a heading.
PRIYA = """Priya Raman
Seattle, WA | priya.raman@example.net | (206) 555-0142 | linkedin.com/in/priya-raman-example
# Summary
Data analyst moving toward data science, curious about experimentation and forecasting.
# Experience
Senior Data Analyst | Cascadia Freight Co. | 2021 - Present
• Built demand forecasting models in Python and pandas for 40 regional depots
• Ran A/B testing for the driver app with the product team; reported in Tableau
Data Analyst | Evergreen Health Partners | 2018 - 2021
• Automated weekly reporting with SQL and Airflow on Snowflake
# Education
University of Lakeshore — B.S. Statistics, 2018
# Skills
Python, SQL, pandas, scikit-learn, Tableau, Excel, R, Git"""

MARCUS = """Marcus Oyelaran
marcus.oyelaran@example.org · +44 20 7946 0321 · London
# Professional Experience
Product Designer
Brightloom Studios, London
Mar 2020 – present
• Led UX research and usability testing for a booking app used by 200k people
• Set up a design system in Figma shared by four squads
Junior UI Designer
Harbourline Digital Ltd, Bristol
Sep 2017 – Feb 2020
• Wireframing and prototyping for retail clients
# Education
Master of Arts in Interaction Design
Northgate School of Art, 2017
BA Graphic Design
Riverside College, 2015
# Skills
Figma, Sketch, Adobe Illustrator, Prototyping, User Research, HTML, CSS"""

LENA = """Lena Hoffmann
Berlin · lena.hoffmann@example.de · +49 30 901820 77
# Berufserfahrung
Backend Engineer, Spreewald Systems GmbH, 2022 - heute
• Microservices in Go and Kotlin on Kubernetes
Werkstudentin Software Developer, Havelblick AG, 2019 - 2022
• REST APIs with Spring Boot and PostgreSQL
# Ausbildung
Technische Hochschule Brandenburg — M.Sc. Informatik, 2022
# Kenntnisse
Go, Kotlin, Java, Docker, Kubernetes, PostgreSQL, Kafka"""

DIEGO = """Diego Álvarez
Austin, TX · diego.alvarez@example.com · 512-555-0187
# Experience
Mechanical Engineer at Lonestar Turbine Works, 2020 - Present
• Finite element analysis and CAD design of compressor housings in SolidWorks
Engineering Intern at Pecan Valley Automation, 2019 - 2019
# Education
Bachelor of Science in Mechanical Engineering, Hill Country University, 2020
# Skills
SolidWorks, AutoCAD, MATLAB, Python, Six Sigma, Spanish, English"""

HANA = """HANA SATO
hana.sato@example.jp | +81 3-5555-0199 | Tokyo
# Profile
Marketing lead who wants to learn how product managers decide what to build next.
# Work Experience
Growth Marketing Lead | Sakura Lane Commerce | 2021 – Present
• Owned search engine optimization and email marketing for a catalogue of 8,000 products
• Built marketing analytics dashboards in Looker with the data team
Marketing Associate | Kitebridge Inc. | 2017 – 2021
• Content strategy and social media for three product launches
# Education
Keio Bay University — BA Economics, 2017
# Skills
SEO, Google Analytics, HubSpot, Copywriting, Looker, Japanese, English"""

AMARA = """Amara Okafor
amara.okafor@example.com | +1 312 555 0176 | Chicago, IL
# Experience
Registered Nurse, Lakeview Memorial Hospital, 2016 - present
• Patient care on a 32-bed cardiac unit; trained new staff on the EHR
# Education
Prairie State College of Nursing — BSN, 2016
# Skills
Patient Care, EHR, Public Health, Mentoring"""

TRANSCRIPT = """Hill Country University
Official Academic Transcript
Student: Diego Alvarez    Student ID: 00481516
Term: Fall 2018
Course Code  Course Title  Credits  Grade
MECH 301  Thermodynamics  3.0  A
MECH 322  Machine Design  3.0  A-
MATH 340  Differential Equations  3.0  B+
Term GPA: 3.78   Credits attempted: 9.0
Term: Spring 2019
MECH 350  Fluid Mechanics  3.0  A
MECH 361  Controls  3.0  B+
Term GPA: 3.65   Cumulative GPA: 3.71"""

COVER = """Marcus Oyelaran
marcus.oyelaran@example.org
Dear Hiring Manager,
I am writing to express my interest in the Senior Product Designer role. Over the past five years I have
worked on booking and retail products, and I would love to bring that experience to your team.
I would welcome the chance to talk.
Sincerely,
Marcus Oyelaran"""

PORTFOLIO = """Marcus Oyelaran — Portfolio
Selected case studies, 2018–2026
Case study 1: Rebooking flow
A redesign of the rebooking flow for a regional rail operator. Research, sketches and final screens.
Case study 2: Design system
How four squads came to share one component library, and what we left out.
Case study 3: Kiosk ordering
Prototypes tested in two cafés over six weeks."""

INVOICE = """Invoice 2026-117
Bill to: Harbourline Digital Ltd
Design services, October 2026 ............ 2,400.00
Subtotal 2,400.00
Amount due 2,400.00
Payment terms: 30 days"""


def _entry(**fields: Any) -> dict[str, Any]:
    return fields


# (file name, text, format, expected fields or None for a non-résumé)
DOCUMENTS: list[tuple[str, str, str, dict[str, Any] | None]] = [
    (
        "Priya_Raman_Resume.pdf",
        PRIYA,
        "pdf",
        _entry(
            name="Priya Raman",
            email="priya.raman@example.net",
            phone="+12065550142",
            education=[{"school": "University of Lakeshore", "degree": "B.S. Statistics", "year": 2018}],
            experience=[
                {"employer": "Cascadia Freight Co.", "title": "Senior Data Analyst", "years": "2021-present"},
                {"employer": "Evergreen Health Partners", "title": "Data Analyst", "years": "2018-2021"},
            ],
            skills=[
                "Statistics",
                "Forecasting",
                "A/B Testing",
                "Python",
                "pandas",
                "Tableau",
                "SQL",
                "Airflow",
                "Snowflake",
                "scikit-learn",
                "Excel",
                "R",
                "Git",
            ],
        ),
    ),
    (
        "Marcus Oyelaran CV.docx",
        MARCUS,
        "docx",
        _entry(
            name="Marcus Oyelaran",
            email="marcus.oyelaran@example.org",
            phone="+442079460321",
            education=[
                {
                    "school": "Northgate School of Art",
                    "degree": "Master of Arts in Interaction Design",
                    "year": 2017,
                },
                {"school": "Riverside College", "degree": "BA Graphic Design", "year": 2015},
            ],
            experience=[
                {"employer": "Brightloom Studios", "title": "Product Designer", "years": "2020-present"},
                {"employer": "Harbourline Digital Ltd", "title": "Junior UI Designer", "years": "2017-2020"},
            ],
            skills=[
                "User Research",
                "Usability Testing",
                "Figma",
                "Wireframing",
                "Prototyping",
                "Interaction Design",
                "Graphic Design",
                "Sketch",
                "Adobe Illustrator",
                "HTML",
                "CSS",
            ],
        ),
    ),
    (
        "Lebenslauf_Lena_Hoffmann.odt",
        LENA,
        "odt",
        _entry(
            name="Lena Hoffmann",
            email="lena.hoffmann@example.de",
            phone="+493090182077",
            education=[
                {"school": "Technische Hochschule Brandenburg", "degree": "M.Sc. Informatik", "year": 2022}
            ],
            experience=[
                {"employer": "Spreewald Systems GmbH", "title": "Backend Engineer", "years": "2022-present"},
                {
                    "employer": "Havelblick AG",
                    "title": "Werkstudentin Software Developer",
                    "years": "2019-2022",
                },
            ],
            skills=[
                "Microservices",
                "Go",
                "Kotlin",
                "Kubernetes",
                "REST APIs",
                "Spring Boot",
                "PostgreSQL",
                "Java",
                "Docker",
                "Kafka",
            ],
        ),
    ),
    (
        "diego-alvarez-resume.rtf",
        DIEGO,
        "rtf",
        _entry(
            name="Diego Álvarez",
            email="diego.alvarez@example.com",
            phone="+15125550187",
            education=[
                {
                    "school": "Hill Country University",
                    "degree": "Bachelor of Science in Mechanical Engineering",
                    "year": 2020,
                }
            ],
            experience=[
                {
                    "employer": "Lonestar Turbine Works",
                    "title": "Mechanical Engineer",
                    "years": "2020-present",
                },
                {"employer": "Pecan Valley Automation", "title": "Engineering Intern", "years": "2019-2019"},
            ],
            skills=[
                "Mechanical Engineering",
                "Finite Element Analysis",
                "CAD",
                "SolidWorks",
                "AutoCAD",
                "MATLAB",
                "Python",
                "Six Sigma",
                "Spanish",
                "English",
            ],
        ),
    ),
    (
        "document.pdf",
        HANA,
        "pdf",
        _entry(
            name="Hana Sato",
            email="hana.sato@example.jp",
            phone="+81355550199",
            education=[{"school": "Keio Bay University", "degree": "BA Economics", "year": 2017}],
            experience=[
                {
                    "employer": "Sakura Lane Commerce",
                    "title": "Growth Marketing Lead",
                    "years": "2021-present",
                },
                {"employer": "Kitebridge Inc.", "title": "Marketing Associate", "years": "2017-2021"},
            ],
            skills=[
                "Growth Marketing",
                "Search Engine Optimization",
                "Email Marketing",
                "Marketing Analytics",
                "Looker",
                "Content Strategy",
                "Social Media Marketing",
                "Google Analytics",
                "HubSpot",
                "Copywriting",
                "Japanese",
                "English",
            ],
        ),
    ),
    (
        "amara-okafor-resume.html",
        AMARA,
        "html",
        _entry(
            name="Amara Okafor",
            email="amara.okafor@example.com",
            phone="+13125550176",
            education=[{"school": "Prairie State College of Nursing", "degree": "BSN", "year": 2016}],
            experience=[
                {
                    "employer": "Lakeview Memorial Hospital",
                    "title": "Registered Nurse",
                    "years": "2016-present",
                }
            ],
            skills=["Patient Care", "EHR", "Public Health", "Mentoring"],
        ),
    ),
    ("transcript_fall2018.pdf", TRANSCRIPT, "pdf", None),
    ("Cover Letter - Marcus Oyelaran.docx", COVER, "docx", None),
    ("marcus-work.pdf", PORTFOLIO, "pdf", None),
    ("scan_0117.pdf", INVOICE, "pdf", None),
]


# --- PDF ---------------------------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def minimal_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF 1.4 with one text page per list; lines starting with "# " are set in bold."""
    objects: list[bytes] = []
    fonts = b"<< /F1 5 0 R /F2 6 0 R >>"
    page_ids = []
    for lines in pages:
        ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"56 770 Td"]
        for line in lines:
            bold = line.startswith("# ")
            text = line[2:].upper() if bold else line
            ops.append(b"/F2 11 Tf" if bold else b"/F1 11 Tf")
            ops.append(_pdf_string(text) + b" Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        page_ids.append(7 + len(objects))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
            + fonts
            + b" >> /Contents "
            + str(8 + len(objects)).encode()
            + b" 0 R >>"
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    kids = b" ".join(f"{i} 0 R".encode() for i in page_ids)
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(len(pages)).encode() + b" >>",
        b"<< /Producer (inboxbroker make_resumes) >>",
        b"<< >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(head + objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"<< /Size {len(offsets) + 1} /Root 1 0 R /Info 3 0 R >>"
    out.write(f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _pdf(text: str, lines_per_page: int = 48) -> bytes:
    lines = text.splitlines()
    return minimal_pdf([lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]])


# --- DOCX, ODT, RTF, HTML ----------------------------------------------------------------------------------


def _deterministic_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            zf.writestr(info, data)
    return out.getvalue()


def _docx(text: str) -> bytes:
    import docx  # python-docx: dev-only, used to write fixtures

    lines = text.splitlines()
    document = docx.Document()
    props = document.core_properties
    props.author = "inboxbroker fixtures"
    props.created = props.modified = props.last_printed = datetime(2026, 11, 1, 9, 0, 0)
    # Put the name and contact line in the page header, as many résumé templates do.
    header = document.sections[0].header
    header.paragraphs[0].text = lines[0]
    header.add_paragraph(lines[1])
    for line in lines[2:]:
        if line.startswith("# "):
            document.add_heading(line[2:], level=2)
        else:
            document.add_paragraph(line)
    raw = io.BytesIO()
    document.save(raw)
    with zipfile.ZipFile(raw) as zf:
        entries = [(i.filename, zf.read(i), zipfile.ZIP_DEFLATED) for i in zf.infolist()]
    return _deterministic_zip(entries)


def _odt(text: str) -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = []
    for line in text.splitlines():
        if line.startswith("# "):
            body.append(f'<text:h text:outline-level="2">{escape(line[2:])}</text:h>')
        else:
            # Runs of spaces are <text:s/> in ODF; keep one to exercise it.
            parts = escape(line).split(" · ")
            body.append("<text:p>" + '<text:s text:c="1"/>·<text:s/>'.join(parts) + "</text:p>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _deterministic_zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
            ("content.xml", content.encode(), zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest.encode(), zipfile.ZIP_DEFLATED),
        ]
    )


def _rtf(text: str) -> bytes:
    def esc(line: str) -> str:
        out = []
        for ch in line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}"):
            if ord(ch) < 128:
                out.append(ch)
            elif ch in "éÁá":  # cp1252 hex escapes, as Word writes them
                out.append(f"\\'{ch.encode('cp1252')[0]:02x}")
            else:
                out.append(f"\\u{ord(ch)}?")
        return "".join(out)

    body = []
    for line in text.splitlines():
        if line.startswith("# "):
            body.append(r"{\b " + esc(line[2:]) + r"}\par")
        else:
            body.append(esc(line) + r"\par")
    doc = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}"
        r"{\*\generator inboxbroker make_resumes;}{\info{\author inboxbroker}}"
        + "\n"
        + "\n".join(body)
        + "\n}"
    )
    return doc.encode("ascii")


def _html(text: str) -> bytes:
    rows = []
    for line in text.splitlines():
        rows.append(f"<h2>{escape(line[2:])}</h2>" if line.startswith("# ") else f"<p>{escape(line)}</p>")
    page = (
        "<!DOCTYPE html><html><head><title>Résumé</title><style>p{margin:0}</style></head>"
        f"<body>{''.join(rows)}<script>var x = 'not text';</script></body></html>"
    )
    return page.encode("utf-8")


WRITERS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "rtf": _rtf, "html": _html}


def main(argv: list[str] | None = None) -> None:
    out = Path((argv or sys.argv[1:] or [str(OUT)])[0])
    out.mkdir(parents=True, exist_ok=True)
    for filename, text, kind, expected in DOCUMENTS:
        (out / filename).write_bytes(WRITERS[kind](text))
        meta = {"filename": filename, "format": kind, "is_resume": expected is not None, **(expected or {})}
        (out / f"{filename}.expected.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    # Too many pages for the default limit (20): one short line on each of 30 pages.
    pages = [[f"Appendix page {n}"] for n in range(1, 31)]
    (out / "thirty_pages.pdf").write_bytes(minimal_pdf(pages))
    print(f"wrote {len(DOCUMENTS) + 1} documents to {out}")


if __name__ == "__main__":
    main()
