"""A generator of realistic statements for the scale benchmarks: 500-950 words, seven domains, cross-references.

``write_corpus(folder, n, seed)`` writes ``n`` statements as Markdown with YAML front matter, the
way a department's statements look over a decade: each opens on a new incident (an attack, a
review, an inquiry, an appointment, an accident, an inquest or a Bill), dates it, names the
people and bodies involved, and returns to incidents of earlier statements by name and date
("the Northbridge attack on 3 March 2021", "my statement to the House on 4 May 2022").  The same
seed always gives the same files, so every run of the benchmark measures the same corpus.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

TOWNS = (
    "Northbridge", "Eastmoor", "Ashcombe", "Kingsford", "Harwell", "Millbrook", "Redcastle", "Thornbury",
    "Westfield", "Oakhampton", "Stourford", "Brackley", "Fenwick", "Glenmoor", "Hollingbury", "Larkhill",
    "Marston", "Newhaven", "Pendle", "Queensbury", "Rothwell", "Saltash", "Tewley", "Upminster",
    "Wexcombe", "Yarborough", "Alderton", "Bramhope", "Carlow", "Dunmore", "Elmstead", "Farnley",
)
FIRST = (
    "James", "Sarah", "David", "Helen", "Michael", "Rachel", "Peter", "Claire", "Andrew", "Fiona", "Richard",
    "Laura", "Thomas", "Emma", "Simon", "Joanna", "Daniel", "Katherine", "Robert", "Alison", "Mark", "Louise",
)
LAST = (
    "Harding", "Whitmore", "Ellison", "Pritchard", "Caldwell", "Ashworth", "Fenton", "Marlowe", "Hollis",
    "Kendrick", "Lister", "Mercer", "Norbury", "Oakley", "Prescott", "Radcliffe", "Sherwood", "Thornton",
    "Underwood", "Vickers", "Wainwright", "Yardley", "Bramwell", "Cartwright", "Dalton", "Everett",
)
SPEAKERS = (
    ("Yvette Cooper", "Home Secretary", "Home Office"),
    ("Wes Streeting", "Secretary of State for Health and Social Care", "Department of Health and Social Care"),
    ("Shabana Mahmood", "Lord Chancellor", "Ministry of Justice"),
    ("Louise Haigh", "Secretary of State for Transport", "Department for Transport"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DOMAINS = ("attack", "review", "inquiry", "appointment", "accident", "inquest", "legislation")


def day_text(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Incident:
    """Something a statement reports, which later statements may refer back to."""

    domain: str
    town: str
    day: dt.date
    person: str
    name: str  # how later statements call it: "the Northbridge attack"


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def before(self, d: dt.date, lo: int, hi: int) -> dt.date:
        return d - dt.timedelta(days=self.rng.randint(lo, hi))

    # ---------------------------------------------------------------- one paragraph per domain

    def opening(self, inc: Incident, today: dt.date) -> list[str]:
        r, t, d = self.rng, inc.town, day_text(inc.day)
        victims = r.randint(2, 9)
        if inc.domain == "attack":
            return [
                f"With permission, Mr Speaker, I will make a statement on the attack in {t} on {d}. "
                f"{victims} people were killed and many more were injured when a man armed with a knife attacked "
                f"shoppers in the centre of {t}. Officers from the local force arrived within minutes and arrested "
                f"{inc.person} at the scene. He was charged with murder two days later and remains in custody.",
                f"The families of those who died have shown extraordinary courage. I met some of them in {t} last "
                f"week, and I want to thank the emergency services, the paramedics and the members of the public "
                f"who ran towards danger that day. Counter Terrorism Policing has confirmed that the {t} attack is "
                f"being treated as a terrorist incident, and the investigation is continuing.",
            ]
        if inc.domain == "review":
            return [
                f"I am today publishing the independent review of maternity services at {t} General Hospital, "
                f"which {inc.person} completed on {d}. The review looked at the care received by more than "
                f"{victims * 100} families between 2012 and 2020, and it concludes that too many mothers and babies "
                f"suffered avoidable harm because warnings were ignored.",
                f"The review of maternity services at {t} found failures of leadership, of culture and of "
                f"oversight. It makes {victims * 4} recommendations, and the government accepts every one of them. "
                f"The trust board has already begun work on the first, and NHS England will report on progress "
                f"within six months.",
            ]
        if inc.domain == "inquiry":
            return [
                f"I am announcing today a statutory public inquiry into the collapse of the {t} care home, "
                f"where {victims} residents died on {d}. The inquiry will be chaired by {inc.person}, who will "
                f"hold hearings in public and will have the power to compel witnesses and documents.",
                f"The terms of reference for the {t} inquiry will be published next month after consultation "
                f"with the families. I expect the inquiry to publish an interim report within a year, and its "
                f"final report by the end of 2027.",
            ]
        if inc.domain == "appointment":
            return [
                f"I can announce that {inc.person} has been appointed as the independent Prevent Commissioner, "
                f"taking up the post on {d}. {inc.person} brings long experience of counter-terrorism "
                f"oversight and will report directly to me.",
                "The Commissioner will review cases referred to Prevent, publish an annual report to Parliament "
                "and hold the programme to account. The first annual report is due within a year of the "
                "appointment, and I will lay it before the House.",
            ]
        if inc.domain == "accident":
            return [
                f"On {d} a passenger train derailed near {t} after heavy rain washed away an embankment. "
                f"{victims} people died, among them the driver, and dozens of passengers were taken to hospital. "
                f"The Rail Accident Investigation Branch began an investigation the same day.",
                f"Network Rail has inspected every embankment of a similar age on the line, and the Office of "
                f"Rail and Road will publish its findings on the {t} derailment in the spring.",
            ]
        if inc.domain == "inquest":
            return [
                f"The inquest into the death of {inc.person}, who died in {t} prison on {d}, concluded last "
                f"month. The coroner found that failures in the prison's healthcare contributed to the death, "
                f"and issued a report to prevent future deaths to the Ministry of Justice.",
                f"The Prisons and Probation Ombudsman had investigated the death of {inc.person} the previous "
                f"year, and its findings were shared with the family before the inquest opened.",
            ]
        return [
            f"The {t} Safety Bill was introduced in this House on {d}. The Bill gives local authorities new "
            f"powers to close buildings that put residents at risk, and it creates a duty on landlords to "
            f"report fire hazards within days of finding them.",
            "The Bill had its second reading in the following month, and I expect it to receive Royal Assent "
            "before the end of the session. We will publish statutory guidance alongside the Act.",
        ]

    def reference(self, inc: Incident, said_on: dt.date | None) -> str:
        r, d = self.rng, day_text(inc.day)
        options = [
            f"The House will remember {inc.name} on {d}. The lessons of {inc.name} are still being learned, "
            f"and the families continue to ask hard questions of every agency involved.",
            f"Since {inc.name} on {d}, we have worked with the families and with local leaders in {inc.town} "
            f"to make sure that the recommendations are carried through.",
        ]
        if said_on is not None:
            options.append(
                f"In my statement to the House on {day_text(said_on)} I set out the first steps after "
                f"{inc.name}. Today I can report that most of those steps are complete."
            )
        return r.choice(options)

    def filler(self, today: dt.date) -> str:
        r = self.rng
        year = today.year - r.randint(1, 6)
        return r.choice(
            (
                f"Mr Speaker, the government will publish a full response to the report later this year, and I "
                f"will update the House before the summer recess. We have already increased funding by "
                f"£{r.randint(10, 90)} million, and the department will set out how that money is spent.",
                f"Since {year}, the number of cases referred has risen every year. The Home Office commissioned "
                f"an evaluation in {MONTHS[r.randint(0, 11)]} {year}, and the evaluation was published the "
                f"following year. It found that the guidance was not always followed.",
                f"I want to pay tribute to {self.person()}, the chief executive, and to the staff who have worked "
                f"without rest since the events I have described. Their work has saved lives.",
                f"The independent panel will hold its first meeting next month. It will be chaired by "
                f"{self.person()}, and it will report to me by the end of {today.year + 1}.",
                f"Last year, we introduced new duties on public bodies to share information. Those duties came "
                f"into force on 1 {MONTHS[r.randint(0, 11)]} {today.year - 1}, and early evidence shows that "
                f"they are working as intended.",
                "The families deserve answers, and they deserve them quickly. That is why I have asked every "
                "agency involved to cooperate fully, to disclose every relevant document, and to do so without "
                "delay. No agency will be allowed to hide behind process.",
            )
        )


def write_corpus(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """Write ``n`` statements into ``folder`` (made if needed); returns their paths, in order."""
    rng = random.Random(seed)
    w = _Writer(rng)
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2015, 1, 5)
    span_days = max(1, 3650 // max(1, n))  # a decade of statements
    incidents: list[tuple[Incident, dt.date]] = []
    paths: list[Path] = []
    for i in range(n):
        today = start + dt.timedelta(days=i * span_days + rng.randint(0, max(0, span_days - 1)))
        domain = DOMAINS[i % len(DOMAINS)]
        town = rng.choice(TOWNS) + ("" if rng.random() < 0.5 else f" {rng.choice(('Vale', 'Green', 'Cross'))}")
        incident_day = w.before(today, 1, 40)
        noun = {"attack": "attack", "review": "review of maternity services", "inquiry": "inquiry",
                "appointment": "appointment of the Commissioner", "accident": "derailment",
                "inquest": "inquest", "legislation": "Safety Bill"}[domain]
        inc = Incident(domain, town, incident_day, w.person(), f"the {town} {noun}")
        speaker, role, department = SPEAKERS[i % len(SPEAKERS)]
        paragraphs = w.opening(inc, today)
        words = sum(len(p.split()) for p in paragraphs)
        target = rng.randint(500, 950)
        while words < target:
            if incidents and rng.random() < 0.4:
                old, said_on = incidents[rng.randrange(max(0, len(incidents) - 60), len(incidents))]
                para = w.reference(old, said_on)
            else:
                para = w.filler(today)
            paragraphs.append(para)
            words += len(para.split())
        incidents.append((inc, today))
        title = f"{inc.name[4:].capitalize()}: statement"
        text = (
            f"---\ntitle: \"{title}\"\nkind: oral statement\ndate: {today.isoformat()}\n"
            f"speaker: {speaker}\nrole: {role}\ndepartment: {department}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        )
        path = folder / f"g{i + 1:05d}-{domain}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
