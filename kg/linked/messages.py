"""The pages' message catalogue: the English text of each message, as the templates and
the code write it, to its Danish text (`kg.linked.i18n.Locale` fills them in; the
server chooses a request's language in `kg.web.i18n`).

A unit test (tests/unit/test_linked_i18n.py) checks that every message of the templates and
of the code has its Danish here, with the same ``{placeholders}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Every message of the pages: English (as written in the code) to Danish.
DANISH: Final[Mapping[str, str]] = {
    # site furniture
    "Home": "Forside",
    "Committees": "Udvalg",
    "Meetings": "Møder",
    "People": "Personer",
    "Projects": "Projekter",
    "Technologies": "Teknologier",
    "Graphs": "Grafer",
    "Search": "Søg",
    "Site": "Sitet",
    "Language": "Sprog",
    "Municipal meeting minutes as linked data.": "Kommunale mødereferater som linked data.",
    "Data as of": "Data pr.",
    "Search: name, title, decision…": "Søg: navn, titel, beslutning…",
    # home
    "minutes-kg: municipal minutes as linked data": (
        "minutes-kg: kommunale referater som linked data"
    ),
    "Municipal meeting minutes as linked data": "Kommunale mødereferater som linked data",
    "Committees, meetings, attendance, agenda items, decisions, working groups, projects and"
    " technologies, read from the published minutes and agendas. Every fact links to the"
    " document, page and line it came from.": "Udvalg, møder, fremmøde, dagsordenspunkter,"
    " beslutninger, arbejdsgrupper, projekter og teknologier, læst fra de offentliggjorte"
    " referater og dagsordener. Hvert faktum linker til det dokument, den side og linje,"
    " det kommer fra.",
    "What the dataset holds": "Hvad datasættet rummer",
    "committees": "udvalg",
    "meetings": "møder",
    "agenda items": "dagsordenspunkter",
    "people": "personer",
    "projects": "projekter",
    "technologies": "teknologier",
    "source documents": "kildedokumenter",
    "documents": "dokumenter",
    "items": "punkter",
    "{n} meetings": "{n} møder",
    "Latest meetings": "Seneste møder",
    "The drawing shows the {shown} most connected of {nodes} nodes and {lines} of their"
    " {edges} edges; the downloads hold the whole graph.": "Tegningen viser de {shown} mest"
    " forbundne af {nodes} knuder og {lines} af deres {edges} kanter; downloadfilerne rummer"
    " hele grafen.",
    "The {n} nodes drawn": "De {n} tegnede knuder",
    "All {n} committees": "Alle {n} udvalg",
    "Pages": "Sider",
    "Previous": "Forrige",
    "Next": "Næste",
    "Page {page} of {pages}": "Side {page} af {pages}",
    "Use the data": "Brug data",
    "SPARQL editor": "SPARQL-editor",
    "or point any SPARQL 1.1 client at": "eller peg en vilkårlig SPARQL 1.1-klient på",
    "Named queries": "Navngivne forespørgsler",
    "as a JSON and CSV API": "som JSON- og CSV-API",
    "Every resource in HTML, Turtle (.ttl), JSON-LD (.jsonld) and N-Triples (.nt)": "Hver"
    " ressource som HTML, Turtle (.ttl), JSON-LD (.jsonld) og N-Triples (.nt)",
    # list pages
    "Every committee that held a meeting or was named as holding one with another.": "Hvert"
    " udvalg, der holdt et møde eller blev nævnt som medarrangør af et.",
    "Every meeting, newest first.": "Alle møder, nyeste først.",
    "Everyone the minutes name: members in attendance lists and working groups, presenters"
    " and officials.": "Alle, som referaterne nævner: medlemmer i fremmødelister og"
    " arbejdsgrupper, oplægsholdere og embedsfolk.",
    "Projects the committees' working groups work on.": "Projekter, som udvalgenes"
    " arbejdsgrupper arbejder med.",
    "Technologies the agenda items discuss, from the concept scheme, with how many items.": (
        "Teknologier, som dagsordenspunkterne drøfter, fra begrebsskemaet, med antal punkter."
    ),
    "Name": "Navn",
    "latest": "seneste",
    "start": "start",
    "place": "sted",
    # search
    'Names, titles and texts (Danish: case, æ/ø/å and endings do not matter; "quotes" for a'
    " phrase)": "Navne, titler og tekster (store og små bogstaver, æ/ø/å og endelser er"
    ' ligegyldige; "anførselstegn" om en frase)',
    "{n} found for": "{n} fundet for",
    "page {n} of {pages}": "side {n} af {pages}",
    "Pages of results": "Sider med resultater",
    "← Previous": "← Forrige",
    "Next →": "Næste →",
    # resource pages
    "IRI": "IRI",
    "Data": "Data",
    "Facts": "Fakta",
    "Linked from": "Linket fra",
    "and {n} more": "og {n} mere",
    "Source:": "Kilde:",
    "matched to": "afstemt med",
    "as written:": "som skrevet:",
    "As written in the document": "Som skrevet i dokumentet",
    "original": "original",
    "published {when}": "offentliggjort {when}",
    "datatype": "datatype",
    "page {n}": "side {n}",
    "line {n}": "linje {n}",
    "lines {first}–{last}": "linje {first}–{last}",
    "item {n}": "punkt {n}",
    "open": "åbent",
    "closed": "lukket",
    "closed item": "lukket punkt",
    "open (public)": "åbent (offentligt)",
    "closed (not public)": "lukket (ikke offentligt)",
    "yes": "ja",
    "no": "nej",
    "membership": "medlemskab",
    "Membership: {text}": "Medlemskab: {text}",
    "Statement: {name} of {about}": "Udsagn: {name} for {about}",
    "(blank node)": "(blank knude)",
    "is {name} of": "er {name} for",
    "Statements": "Udsagn",
    "Described here": "Beskrevet her",
    # names of standard terms (the ontology labels its own terms in both languages)
    "type": "type",
    "subject": "subjekt",
    "predicate": "prædikat",
    "object": "objekt",
    "statement": "udsagn",
    "label": "etiket",
    "also written": "også skrevet",
    "preferred label": "foretrukken etiket",
    "in scheme": "i skema",
    "same concept as": "samme begreb som",
    "concept": "begreb",
    "concept scheme": "begrebsskema",
    "name": "navn",
    "title": "titel",
    "identifier": "identifikator",
    "kind of document": "dokumenttype",
    "format": "format",
    "language": "sprog",
    "part of": "del af",
    "end": "slut",
    "source document": "kildedokument",
    "published": "offentliggjort",
    "used": "brugte",
    "run by": "kørt af",
    "activity": "aktivitet",
    "software agent": "softwareagent",
    "member": "medlem",
    "organisation": "organisation",
    "role": "rolle",
    "organisational unit": "organisatorisk enhed",
    "same as": "samme som",
    "person": "person",
    # incoming links, read from the linked resource's side
    "present at": "til stede ved",
    "absent from": "fraværende ved",
    "memberships and roles": "medlemskaber og roller",
    "presented": "fremlagde",
    "interviewer at": "interviewer ved",
    "interviewed at": "interviewet ved",
    "owner of": "ejer af",
    "on the agenda of": "på dagsordenen for",
    "meetings held in collaboration": "møder holdt i samarbejde",
    "invited to": "inviteret til",
    "members": "medlemmer",
    "held by": "varetaget af",
    "has as part": "har som del",
    "worked on by": "arbejdes med af",
    "agenda items of this case": "dagsordenspunkter i denne sag",
    "attached to": "bilag til",
    "discussed in": "drøftet i",
    "recommended": "indstillede",
    "memberships stated at": "medlemskaber nævnt ved",
    "facts resolved from this document": "fakta afstemt fra dette dokument",
    "concepts": "begreber",
    "documents of this kind": "dokumenter af denne type",
    "used by": "brugt af",
    "activities": "aktiviteter",
    "derived from this document": "udledt af dette dokument",
    "former identifiers": "tidligere identifikatorer",
    # graphs
    "Relation graphs": "Relationsgrafer",
    "Graph": "Graf",
    "Nodes": "Knuder",
    "Edges": "Kanter",
    "Density": "Tæthed",
    "Components": "Komponenter",
    "Communities": "Fællesskaber",
    "Most central": "Mest centrale",
    "Download": "Hent",
    "Who works on what, who meets whom: networks read from the minutes, each drawn"
    " interactively, filterable by committee and dates, and downloadable as JSON (networkx"
    " node-link data), GraphML, GEXF and CSV.": "Hvem arbejder med hvad, hvem mødes med hvem:"
    " netværk læst fra referaterne, hvert tegnet interaktivt, kan filtreres på udvalg og"
    " datoer og hentes som JSON (networkx node-link), GraphML, GEXF og CSV.",
    "writes the same files and PNG or SVG drawings.": "skriver de samme filer og PNG- eller"
    " SVG-tegninger.",
    "Committee": "Udvalg",
    "All committees": "Alle udvalg",
    "From": "Fra",
    "To": "Til",
    "Filter": "Filtrér",
    "Find a node": "Find en knude",
    "Name, project, committee…": "Navn, projekt, udvalg…",
    "Size by": "Størrelse efter",
    "degree centrality": "gradcentralitet",
    "betweenness centrality": "mellemmandscentralitet",
    "Fit": "Tilpas",
    "Node types": "Knudetyper",
    "Drawing…": "Tegner…",
    "Figures": "Tal",
    # the relation graphs (kg/graphs/model.py) and their kinds of node
    "Who works on what": "Hvem arbejder med hvad",
    "People and the projects their working groups work on; each edge names the group.": (
        "Personer og de projekter, deres arbejdsgrupper arbejder med; hver kant nævner gruppen."
    ),
    "Who works with whom": "Hvem arbejder sammen med hvem",
    "People linked when they work on a project together (the bipartite projection of"
    " who-works-on-what onto people; the weight counts the shared projects).": (
        "Personer forbundet, når de arbejder på et projekt sammen (who-works-on-what"
        " projiceret på personer; vægten tæller de fælles projekter)."
    ),
    "Committee membership": "Udvalgsmedlemskab",
    "People and the committees whose attendance lists name them (present or absent);"
    " the weight counts the meetings.": (
        "Personer og de udvalg, hvis fremmødelister nævner dem (til stede eller"
        " fraværende); vægten tæller møderne."
    ),
    "Co-attendance": "Fælles fremmøde",
    "People linked when they were present at the same meeting; the weight counts the"
    " meetings they attended together.": (
        "Personer forbundet, når de var til stede ved samme møde; vægten tæller de møder,"
        " de deltog i sammen."
    ),
    "People and organisations": "Personer og organisationer",
    "People and the organisations and units the minutes give them a title in; each edge"
    " names the role.": (
        "Personer og de organisationer og enheder, referaterne giver dem en titel i; hver"
        " kant nævner rollen."
    ),
    "Items, technologies, committees": "Punkter, teknologier, udvalg",
    "Agenda items and the technologies they discuss, and each technology linked to the"
    " committees whose items discuss it (the weight counts the items).": (
        "Dagsordenspunkter og de teknologier, de drøfter, og hver teknologi forbundet med"
        " de udvalg, hvis punkter drøfter den (vægten tæller punkterne)."
    ),
    "project": "projekt",
    "committee": "udvalg",
    "unit": "enhed",
    "item": "punkt",
    "technology": "teknologi",
    "{nodes} nodes, {edges} edges; the table below lists them": (
        "{nodes} knuder, {edges} kanter; tabellen nedenfor viser dem"
    ),
    "{nodes} nodes, {edges} edges. Scroll to zoom, drag to pan, click a node to open its page.": (
        "{nodes} knuder, {edges} kanter. Rul for at zoome, træk for at panorere, klik på en"
        " knude for at åbne dens side."
    ),
    "No node is called {text}.": "Ingen knude hedder {text}.",
    "{n} found: {labels}": "{n} fundet: {labels}",
    "the graph could not be loaded ({status})": "grafen kunne ikke hentes ({status})",
    "All {n} nodes": "Alle {n} knuder",
    "Node": "Knude",
    "Type": "Type",
    "Degree": "Grad",
    "Betweenness": "Mellemmandscentralitet",
    "Community": "Fællesskab",
    # editor
    "Query the whole graph. The default graph is the union of all documents' graphs.": "Søg i"
    " hele grafen. Standardgrafen er foreningen af alle dokumenters grafer.",
    "Examples:": "Eksempler:",
    # release
    "Version": "Version",
    "licence": "licens",
    "published by": "udgivet af",
    "Downloads": "Downloads",
    "File": "Fil",
    "Format": "Format",
    "Bytes": "Bytes",
    "About the data": "Om data",
    "DCAT-AP 3 / DCAT-AP-DK 2 catalogue record": "DCAT-AP 3 / DCAT-AP-DK 2-katalogpost",
    "VoID description": "VoID-beskrivelse",
    "the SPARQL service description (the endpoint runs on kg serve)": "SPARQL-tjenestens"
    " beskrivelse (endepunktet kører på kg serve)",
    "The ontology": "Ontologien",
    "the concept schemes": "begrebsskemaerne",
    "and": "og",
    "Changelog": "Ændringslog",
    "Browse": "Gennemse",
    "Not in the static site": "Ikke i det statiske site",
    "Classes": "Klasser",
    "Object properties": "Objektegenskaber",
    "Datatype properties": "Dataegenskaber",
    "Annotation properties": "Annotationsegenskaber",
    "Individuals": "Individer",
    "Concept schemes": "Begrebsskemaer",
    "Contents": "Indhold",
    "This is {what}, which needs the live server:": "Dette er {what}, som kræver den kørende"
    " server:",
    "The data is in the": "Data ligger i",
    "the SPARQL editor": "SPARQL-editoren",
    "the API documentation": "API-dokumentationen",
    "search": "søgningen",
    "the graph views": "grafvisningerne",
}
