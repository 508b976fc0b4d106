//! The words demo clients are made of: Dutch names with tussenvoegsels, streets, providers,
//! employers, jobs, and the texts of notes, agreements and goals.

use crate::domain::codes::Term;

pub(super) const FIRST: &[&str] = &[
    "Jan", "Anna", "Mohammed", "Fatima", "Peter", "Sanne", "Ahmet", "Emma", "Kees", "Lisa",
    "Youssef", "Sophie", "Dennis", "Naima", "Ricardo", "Marloes", "Tom", "Aylin", "Henk", "Iris",
    "Bilal", "Esther", "Sander", "Samira", "Johan", "Linda", "Mehmet", "Priya", "Kevin", "Noor",
    "Willem", "Daphne", "Abdi", "Ingrid", "Jeroen", "Hanna", "Tarik", "Yvonne", "Gerrit", "Zeynep",
    "Marco", "Chantal", "Rachid", "Mirjam", "Stefan", "Amal", "Bas", "Nicole", "Hassan", "Petra",
];

pub(super) const PREFIXES: &[&str] = &[
    "", "", "", "", "", "van", "de", "van der", "van den", "van de", "ter", "ten", "in 't", "el",
];

pub(super) const LAST: &[&str] = &[
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Bos",
    "Mulder",
    "Dekker",
    "Dijk",
    "Berg",
    "Brink",
    "Vries",
    "Leeuwen",
    "Vliet",
    "Boer",
    "Hoek",
    "Wal",
    "Kaya",
    "Yilmaz",
    "Amrani",
    "Bouali",
    "Haddou",
    "Pinas",
    "Koster",
    "Veenstra",
    "Postma",
    "Kuipers",
    "Wijk",
    "Vermeulen",
    "Graaf",
    "Horst",
    "Maas",
    "Kok",
    "Hendriks",
    "Peters",
    "Willems",
    "Schouten",
    "Doorn",
    "Gerrits",
    "Martens",
    "Çelik",
    "Öztürk",
    "Idrissi",
    "Tahiri",
    "Biharie",
    "Ramdin",
    "Osei",
    "Mensah",
    "Nowak",
];

pub(super) const STREETS: &[&str] = &[
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Stationsweg",
    "Julianalaan",
    "Beatrixstraat",
    "Lindenlaan",
    "Schoolstraat",
    "Marktplein",
    "Parkweg",
];

pub(super) const PROVIDERS: &[&str] = &[
    "Werkbedrijf Regio",
    "Re-integratiebureau Kompas",
    "ROC Midden",
    "Stichting Perspectief",
    "Jobhunters Noord",
    "Taalhuis",
    "Sociaal Wijkteam",
    "Kredietbank",
    "Vrijwilligerscentrale",
];

pub(super) const EMPLOYERS: &[&str] = &[
    "Albert Heijn",
    "PostNL",
    "Zorggroep De Linde",
    "Schoonmaakbedrijf Hago",
    "Bouwbedrijf Jansen",
    "Gemeente",
    "Randstad",
    "Tempo-Team",
    "Bakkerij Bart",
    "Distributiecentrum Coolblue",
];

pub(super) const JOBS: &[&str] = &[
    "vakkenvuller",
    "postbezorger",
    "helpende zorg",
    "schoonmaker",
    "timmerman",
    "administratief medewerker",
    "orderpicker",
    "kok",
    "chauffeur",
    "magazijnmedewerker",
];

pub(super) const NOTES: &[&str] = &[
    "Gesprek over de voortgang. Klant is gemotiveerd en heeft twee sollicitaties verstuurd.",
    "Telefonisch contact: klant was ziek, afspraak verzet naar volgende week.",
    "Huisbezoek afgelegd. Woning op orde, klant zorgt voor moeder; mantelzorg kost veel tijd.",
    "Klant heeft schulden gemeld; aanmelding bij de Kredietbank besproken.",
    "Evaluatie traject: aanwezigheid goed, begeleider positief over inzet.",
    "Cv samen doorgenomen en aangepast. Klant zoekt werk in de logistiek.",
    "Klant mist structuur. Afgesproken: drie ochtenden per week vrijwilligerswerk.",
    "Taalniveau verbeterd naar A2. Klant wil doorstromen naar taaltraject werk.",
    "Klant is niet verschenen. Brief gestuurd met nieuwe uitnodiging.",
    "Gesprek met werkgever over proefplaatsing; start over twee weken mogelijk.",
];

pub(super) const AGREEMENTS: &[&str] = &[
    "Cv bijwerken en mailen",
    "Drie sollicitaties per week",
    "Aanmelden bij de Kredietbank",
    "Huisarts bezoeken over slaapproblemen",
    "Inschrijven bij uitzendbureau",
    "Proefles taalcursus volgen",
    "Kinderopvang regelen",
    "Bewijsstukken inkomsten aanleveren",
];

pub(super) const GOALS: &[(&str, Term)] = &[
    ("Binnen drie maanden een vaste dagstructuur", Term::Short),
    ("Schulden in beeld en een regeling getroffen", Term::Short),
    ("Taalniveau B1 halen", Term::Long),
    ("Betaald werk in de zorg", Term::Long),
    ("Vrijwilligerswerk twee dagdelen per week", Term::Short),
    ("Uitstroom naar werk van minstens 24 uur", Term::Long),
];
