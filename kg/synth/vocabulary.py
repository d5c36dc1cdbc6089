"""The words synthetic documents are made of: names, committees, units, topics, technologies.

Everything here is invented or generic; names are built from common Danish parts so that
no generated person is meant to be anyone real.
"""

from __future__ import annotations


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


FIRST_NAMES = _words(
    "Anders Anne Bente Birgit Bjarke Camilla Cecilie Christian Dorte Emil Emma Erik "
    "Frederik Gitte Hanne Helle Henrik Ida Jakob Jens Jesper Jonas Julie Karen Karsten "
    "Kasper Kathrine Kirsten Klaus Lars Lene Line Lise Louise Mads Malene Maria Martin "
    "Mette Mikkel Morten Nadia Niels Nikolaj Ole Pernille Peter Poul Rasmus Rikke Sara "
    "Signe Simon Sofie Stine Susanne Søren Thomas Tina Tobias Torben Trine Ulla Vibeke "
    "Aase Bodil Carsten Ditte Esben Finn Grethe Hans Inge Jette Jørgen Kim Lotte Marianne "
    "Mogens Nanna Ove Pia Rune Steen Tove Uffe Vagn Asger Birthe Dennis Eva Flemming "
    "Gustav Holger Ib Jannik Kristina Laura Magnus Nina Oskar Randi Sanne Troels Viggo "
    "Åse Ægir"
)

#: First names whose spelling variant the resolver knows (kg.resolve.overrides): name -> variant.
FIRST_NAME_VARIANTS = {
    "Kathrine": "Katrine",
    "Christian": "Kristian",
    "Karsten": "Carsten",
    "Kasper": "Casper",
    "Klaus": "Claus",
    "Henrik": "Hendrik",
    "Frederik": "Frederick",
    "Camilla": "Kamilla",
    "Nikolaj": "Nicolaj",
    "Sofie": "Sophie",
    "Thomas": "Tomas",
    "Maria": "Marie",
    "Kristina": "Christina",
}

MIDDLE_NAMES = _words(
    "Krogh Lind Bruun Holm Friis Skov Dahl Juhl Kjær Vinther Berg Hald Lund Brix Krag "
    "Munk Ravn Stoltz Gram Thorup Bech Kofoed Møller Aagaard Wulff Borg Kragh Lykke Storm "
    "Nørgaard"
)

_SURNAME_HEADS = _words(
    "Dals Mel Hyld Kjeld Bis Ny Øster Vester Søn Nør Lau Brøn Has Kold Brand Sand Aker "
    "Gamme Lille Store Hede Mose Skov Bjerre Lunde Krog Ege Birke Asp Græs Stens Fjord "
    "Kær Bakke Holme Vand Sten Eng Mølle Lyng Rønne Toft Ulv Ørne Thy Dam Bøg Hav"
)
_SURNAME_TAILS = _words(
    "gaard holm bjerg lund strup rup sen dahl borg vig skov by høj mark bæk toft hus kær"
)
#: Plain surnames besides the built ones.
_SURNAMES = _words(
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
    "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Poulsen Johansen Knudsen "
    "Mortensen Iversen Quist Thrane Brix Kofoed Vognsen Sejersen Grønbech Aamand Ebbesen "
    "Stilling Agerskov Thorsøe Abildgaard Sandahl Frandsen Rahimi Holst Winther Bundgaard "
    "Overgaard"
)
SURNAMES = tuple(_SURNAMES) + tuple(
    h + t for h in _SURNAME_HEADS for t in _SURNAME_TAILS if not (h.endswith("s") and t[0] == "s")
)

#: Words for committees' areas: committees are "A- og B-udvalget" or "A-udvalget".
AREAS = _words(
    "Klima Miljø Teknik Kultur Fritid Børne Skole Social Sundheds Ældre Beskæftigelses "
    "Erhvervs Plan Bygge Trafik Natur Idræts Integrations Uddannelses Familie Handicap "
    "Bolig Digitaliserings Forsynings Vej Park Borger Service Turisme Landdistrikts "
    "Energi Vand Beredskabs Sikkerheds Unge Senior Kunst Musik Byudviklings Havne Kyst "
    "Skov Landbrugs Forebyggelses Psykiatri Dagtilbuds Fritids Biblioteks"
)
#: Themes of task committees ("Opgaveudvalg om Grøn Omstilling").
THEMES = _words(
    "Grøn Omstilling|Fremtidens Velfærd|Borgerinddragelse|Bæredygtig Mobilitet|"
    "Lokaldemokrati|Fremtidens Skole|Sundt Liv|Levende Landsbyer|Digital Inklusion|"
    "Klimatilpasning|Frivillighed|Boliger for Alle|Trivsel blandt Unge|Aktivt Seniorliv|"
    "Cirkulær Økonomi",
    "|",
)

TOWN_HEADS = _words(
    "Havn Vester Øster Nør Søn Lyng Bakke Skov Hede Mose Fjord Sand Stor Lille Ege Birke "
    "Kær Ring Holm Strand Dal Eng Bjerg Vand Mølle Sten Brede Rød Grøn Hvid"
)
TOWN_TAILS = _words("bjerg lund by rup strup sted høj vig borg næs købing ager")

UNITS = _words(
    "Klima og Miljø|Center for Børn og Skole|Vej og Park|Strategi og Udvikling|"
    "Forsyning og Energi|Affald og Genbrug|Kultur og Fritid|Social og Sundhed|Byg og Plan|"
    "Jobcenter|Digitalisering og IT|Økonomi og Analyse|Ældre og Omsorg|Natur og Vand",
    "|",
)
#: Job titles of officials; one word each (the pattern the extractor knows).
TITLES = _words(
    "Klimachef Afdelingschef Vejchef Skolechef Driftsleder Centerchef Projektleder "
    "Konsulent Chefkonsulent Planchef Kulturchef Direktør Sundhedschef Ældrechef Fagchef "
    "Teamleder"
)
#: Organisations outside the municipality whose people give talks.
EXTERNAL_ORGS = _words(
    "Energilab Nord|Varmepumpeforum Vest|Dansk Byudvikling|Klimasekretariatet Midt|"
    "Videncenter for Mobilitet|Fremtidsforum|Landsbynetværket|Skoleforum Syd",
    "|",
)

PLACES = ("Mødelokale 1", "Mødelokale 2", "Mødelokale 3", "Udvalgsværelse A", "Udvalgsværelse B")

#: Technologies: (Danish surface form, English surface form, concept slug in the scheme
#: kg/data/ontology/concepts.ttl).
TECHNOLOGIES = (
    ("varmepumper", "heat pumps", "heat-pump"),
    ("fjernvarme", "district heating", "district-heating"),
    ("solcelleanlæg", "solar PV", "solar-cell"),
    ("elbiler", "electric cars", "electric-car"),
    ("ladestandere", "charging stations", "charging-station"),
    ("droner", "drones", "drone"),
    ("kunstig intelligens", "artificial intelligence", "artificial-intelligence"),
    ("softwarerobotter", "software robots", "software-robot"),
    ("chatbots", "chatbots", "chatbot"),
    ("sensorer", "sensors", "sensor"),
    ("vindmøller", "wind turbines", "wind-turbine"),
    ("big data", "big data", "big-data"),
)

#: Agenda item subjects: (Danish, English). Each gets a kind word and a year in its title.
SUBJECTS = (
    ("Handleplan for {area}", "Action plan for {area}"),
    ("Budgetopfølgning for {area}", "Budget follow-up for {area}"),
    ("Status på indsatser inden for {area}", "Status of initiatives in {area}"),
    ("Høring om ny strategi for {area}", "Consultation on a new strategy for {area}"),
    ("Evaluering af forsøg med {tech}", "Evaluation of the trial with {tech}"),
    ("Udbud af {tech} til kommunens bygninger", "Tender for {tech} for municipal buildings"),
    ("Kvalitetsrapport for {area}", "Quality report for {area}"),
    ("Temadrøftelse om {area}", "Theme discussion on {area}"),
    ("Anlægsønsker for {area}", "Capital requests for {area}"),
    ("Dialog med brugerrådet om {area}", "Dialogue with the user council on {area}"),
)
CLOSED_SUBJECTS = (
    (
        "Påbud vedrørende ejendommen {street} {number}",
        "Order concerning the property {street} {number}",
    ),
    ("Klage over afgørelse, {street} {number}", "Complaint about a decision, {street} {number}"),
    ("Personalesag", "Staff matter"),
    ("Køb af ejendom, {street} {number}", "Purchase of property, {street} {number}"),
)
STREETS = _words(
    "Kærbyvej Skolegade Strandvejen Møllevej Engvej Bakkegårdsvej Søndergade Nørregade"
)
DECISIONS = (("Godkendt.", "Approved."), ("Taget til efterretning.", "Noted."))
#: Surnames of private citizens in closed items: none is a surname of a generated person.
CITIZEN_SURNAMES = _words("Frimodt Thyrring Lassen-Brink Vestergaard-Holt Mørup Kjeldbjerg-Due")
