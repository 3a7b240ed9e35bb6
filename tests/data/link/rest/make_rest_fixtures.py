"""Writes the recorded shapes the REST linking tests serve (run: python make_rest_fixtures.py).

The shapes follow the services' public documentation, not live answers:
* UK Parliament Members API (https://members-api.parliament.uk/index.html): Members/Search and
  Members/{id}/Biography;
* legislation.gov.uk Atom feeds (https://www.legislation.gov.uk/developer/formats/atom);
* GOV.UK Organisations API (https://www.gov.uk/api/organisations) and Content API
  (https://docs.publishing.service.gov.uk/repos/content-store/content-api.html).
Member IDs 9990xx, content_ids and the organisation content_ids are INVENTED (the member IDs
match the invented P10428 values of ../wikidata.ttl).  Legislation identifiers are the real
ones as far as we know (Inquiries Act 2005 c. 12, Terrorism Act 2000 c. 11, Terrorism Act 2006
c. 11, Victims and Prisoners Act 2024 c. 21, Online Safety Act 2023 c. 50, Tribunals of Inquiry
(Evidence) Act 1921 c. 7); the Terrorism (Protection of Premises) Act 2025's chapter number is
invented (c. 99).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
NOTE = "Recorded shape written from the service's public documentation for tests; IDs 9990xx invented."


def member(mid: int, display: str, list_as: str, full: str, house: int, party: str, since: str,
           until: str | None = None) -> dict[str, object]:
    return {
        "value": {
            "id": mid, "nameListAs": list_as, "nameDisplayAs": display, "nameFullTitle": full,
            "nameAddressAs": None, "gender": "F" if display in ("Yvette Cooper", "Suella Braverman") else "M",
            "latestParty": {"id": 1, "name": party, "abbreviation": party[:3], "backgroundColour": "ffffff",
                            "foregroundColour": "000000", "isLordsMainParty": house == 2,
                            "isLordsSpiritualParty": False, "governmentType": None, "isIndependentParty": False},
            "latestHouseMembership": {
                "membershipFrom": "Invented" if house == 1 else party, "membershipFromId": 1, "house": house,
                "membershipStartDate": since, "membershipEndDate": until, "membershipEndReason": None,
                "membershipEndReasonNotes": None, "membershipEndReasonId": None,
                "membershipStatus": {"statusIsActive": until is None, "statusDescription": "Current Member"
                                     if until is None else "Former Member", "statusNotes": None, "statusId": 0,
                                     "status": 0, "statusStartDate": since}},
            "thumbnailUrl": f"https://members-api.parliament.uk/api/Members/{mid}/Thumbnail",
        },
        "links": [{"rel": "self", "href": f"/Members/{mid}", "method": "GET"},
                  {"rel": "overview", "href": f"/Members/{mid}", "method": "GET"}],
    }


def search(*items: dict[str, object]) -> dict[str, object]:
    return {"items": list(items), "totalResults": len(items), "resultContext": "", "skip": 0, "take": 20,
            "links": [{"rel": "self", "href": "/Members/Search", "method": "GET"}]}


def post(name: str, start: str, end: str | None, pid: int) -> dict[str, object]:
    return {"house": 1, "name": name, "id": pid, "startDate": f"{start}T00:00:00",
            "endDate": f"{end}T00:00:00" if end else None, "additionalInfo": None, "additionalInfoLink": None}


def biography(*posts: dict[str, object]) -> dict[str, object]:
    return {"value": {"representations": [], "electionsContested": [], "houseMemberships": [],
                      "governmentPosts": list(posts), "oppositionPosts": [], "otherPosts": [],
                      "partyAffiliations": [], "committeeMemberships": []}, "links": []}


HOME = "Secretary of State for the Home Department"
COOPER = member(999001, "Yvette Cooper", "Cooper, Yvette", "Rt Hon Yvette Cooper MP", 1, "Labour", "1997-05-01")
BRAVERMAN = member(999002, "Suella Braverman", "Braverman, Suella", "Rt Hon Suella Braverman KC MP", 1,
                   "Conservative", "2015-05-07")
LORD_ANDERSON = member(999010, "Lord Anderson of Ipswich", "Anderson of Ipswich, L.",
                       "The Lord Anderson of Ipswich KBE KC", 2, "Crossbench", "2018-10-10")
MR_ANDERSON = member(999011, "Mr David Anderson", "Anderson, Mr David", "Mr David Anderson", 1, "Labour",
                     "2005-05-05", "2017-05-03")
SMITH_TRADE = member(999020, "John Smith", "Smith, John", "Rt Hon John Smith MP", 1, "Labour", "1970-06-18",
                     "1994-05-12")
SMITH_OTHER = member(999021, "John Smith", "Smith, John", "John Smith MP", 1, "Labour", "1997-05-01", "2010-05-06")

PARLIAMENT = {
    "_comment": NOTE + " search: Members/Search?Name=KEY; biography: Members/KEY/Biography.",
    "search": {
        "Yvette Cooper": search(COOPER), "Suella Braverman": search(BRAVERMAN),
        "David Anderson": search(MR_ANDERSON, LORD_ANDERSON), "John Smith": search(SMITH_OTHER, SMITH_TRADE),
    },
    "biography": {
        "999001": biography(post("Secretary of State for Work and Pensions", "2009-06-05", "2010-05-11", 36),
                            post(HOME, "2024-07-05", None, 1)),
        "999002": biography(post("Attorney General", "2020-02-13", "2022-09-06", 55),
                            post(HOME, "2022-09-06", "2022-10-19", 1), post(HOME, "2022-10-25", "2023-11-13", 1)),
        "999010": biography(),
        "999011": biography(),
        "999020": biography(post("Secretary of State for Trade", "1978-11-11", "1979-05-04", 70)),
        "999021": biography(),
    },
}

FEED_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!-- {note} -->
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:leg="http://www.legislation.gov.uk/namespaces/legislation"
      xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata"
      xmlns:openSearch="http://a9.com/-/spec/opensearch/1.1/">
  <id>http://www.legislation.gov.uk/primary/data.feed?title={title}</id>
  <title>Search Results</title>
  <updated>2025-05-01T00:00:00Z</updated>
  <author><name>legislation.gov.uk</name></author>
  <openSearch:totalResults>{n}</openSearch:totalResults>
  <openSearch:startIndex>1</openSearch:startIndex>
  <openSearch:itemsPerPage>20</openSearch:itemsPerPage>
  <leg:page>1</leg:page>
  <leg:morePages>0</leg:morePages>
"""
ENTRY = """  <entry>
    <id>http://www.legislation.gov.uk/id/{kind}/{year}/{number}</id>
    <title>{title}</title>
    <link rel="self" href="http://www.legislation.gov.uk/{kind}/{year}/{number}/contents"/>
    <link rel="alternate" type="application/xml" href="http://www.legislation.gov.uk/{kind}/{year}/{number}/data.xml"/>
    <updated>2025-04-01T00:00:00Z</updated>
    <published>{created}T00:00:00Z</published>
    <ukm:DocumentMainType Value="{main}"/>
    <ukm:Year Value="{year}"/>
    <ukm:Number Value="{number}"/>
    <ukm:CreationDate Date="{created}"/>
    <summary>{title}</summary>
  </entry>
"""
ACTS = {
    "inquiries-2005": ("Inquiries Act 2005", 2005, 12, "2005-04-07"),
    "tribunals-1921": ("Tribunals of Inquiry (Evidence) Act 1921", 1921, 7, "1921-03-24"),
    "terrorism-2000": ("Terrorism Act 2000", 2000, 11, "2000-07-20"),
    "terrorism-2006": ("Terrorism Act 2006", 2006, 11, "2006-03-30"),
    "victims-2024": ("Victims and Prisoners Act 2024", 2024, 21, "2024-05-24"),
    "online-safety-2023": ("Online Safety Act 2023", 2023, 50, "2023-10-26"),
    "premises-2025": ("Terrorism (Protection of Premises) Act 2025", 2025, 99, "2025-04-03"),
}
SEARCHES = {
    "Inquiries Act 2005": ["inquiries-2005", "tribunals-1921"],
    "Terrorism Act 2000": ["terrorism-2000", "terrorism-2006"],
    "Victims and Prisoners Act 2024": ["victims-2024"],
    "Online Safety Act 2021": ["online-safety-2023"],
    "Terrorism (Protection of Premises)": ["premises-2025"],
}


def feed(title: str, keys: list[str]) -> str:
    out = FEED_HEAD.format(note=NOTE.replace("IDs 9990xx invented", "see make_rest_fixtures.py"),
                           title=title.replace("&", "&amp;"), n=len(keys))
    for k in keys:
        t, year, number, created = ACTS[k]
        out += ENTRY.format(kind="ukpga", year=year, number=number, title=t, created=created,
                            main="UnitedKingdomPublicGeneralAct")
    return out + "</feed>\n"


def org(slug: str, title: str, abbr: str, status: str, fmt: str, successors: list[str] | None = None,
        cid: str = "00000000-0000-0000-0000-000000000000") -> dict[str, object]:
    return {
        "id": f"https://www.gov.uk/api/organisations/{slug}", "title": title, "format": fmt,
        "updated_at": "2025-04-01T10:00:00.000+01:00",
        "web_url": f"https://www.gov.uk/government/organisations/{slug}",
        "details": {"slug": slug, "abbreviation": abbr, "logo_formatted_name": title,
                    "organisation_brand_colour_class_name": "home-office",
                    "organisation_logo_type_class_name": "single-identity", "closed_at":
                    "2021-04-01T00:00:00.000+01:00" if status == "closed" else None, "govuk_status": status,
                    "govuk_closed_status": "replaced" if status == "closed" else None, "content_id": cid},
        "analytics_identifier": "OT0", "parent_organisations": [], "child_organisations": [],
        "superseded_organisations": [],
        "superseding_organisations": [{"id": f"https://www.gov.uk/api/organisations/{s}", "web_url":
                                       f"https://www.gov.uk/government/organisations/{s}"} for s in successors or []],
    }


def orgs_page(page: int, pages: int, results: list[dict[str, object]]) -> dict[str, object]:
    return {"_comment": NOTE, "results": results, "page_size": 2, "total": 4, "pages": pages, "current_page": page,
            "start_index": 1 + 2 * (page - 1),
            "previous_page_url": None if page == 1 else f"https://www.gov.uk/api/organisations?page={page - 1}",
            "next_page_url": None if page == pages else f"https://www.gov.uk/api/organisations?page={page + 1}"}


ORGS = [
    orgs_page(1, 2, [
        org("home-office", "Home Office", "HO", "live", "Ministerial department",
            cid="99990000-0000-4000-8000-000000000001"),
        org("mi5-the-security-service", "MI5 - The Security Service", "MI5", "live", "Other",
            cid="99990000-0000-4000-8000-000000000002"),
    ]),
    orgs_page(2, 2, [
        org("office-for-security-and-counter-terrorism", "Office for Security and Counter-Terrorism", "OSCT",
            "closed", "Other", ["homeland-security-group"], cid="99990000-0000-4000-8000-000000000003"),
        org("home-office-scotland", "Home Office", "HOS", "closed", "Other", ["home-office"],
            cid="99990000-0000-4000-8000-000000000004"),
    ]),
]


def main() -> None:
    (HERE / "parliament.json").write_text(json.dumps(PARLIAMENT, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for title, keys in SEARCHES.items():
        name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
        (HERE / f"legislation-{name}.xml").write_text(feed(title, keys), encoding="utf-8")
    for i, page in enumerate(ORGS, 1):
        (HERE / f"organisations-{i}.json").write_text(json.dumps(page, indent=1, sort_keys=True) + "\n",
                                                      encoding="utf-8")


if __name__ == "__main__":
    main()
