"""Links to open-data graphs: candidates, scored decisions kept as SSSOM tables, enrichment.

Only this package talks to the network, and only when ``statementkg link`` or ``fetch`` asks:

    sssom.py        the mapping tables (SSSOM/TSV) and their rows
    decisions.py    thresholds, accept / queue / unmatched, merging reruns, human review
    graph.py        accepted rows -> the ``links`` named graph (what ``build --links`` adds)
    subjects.py     what in our graph can be linked (people, organisations, posts, events, places)
    http.py         the polite client: User-Agent, timeouts, retries, one request at a time
    cache.py        on-disk answers keyed by endpoint and request; ``--offline`` reads only these
    wikidata.py     Wikidata through SPARQLWrapper: candidates by label and alias, facts, scoring
    parliament.py   UK Parliament Members API
    legislation.py  legislation.gov.uk
    govuk.py        GOV.UK Content and Organisations APIs, and ``fetch``
    enrich.py       facts of accepted links -> the ``enrichment`` graph, and dates for resolution
"""
