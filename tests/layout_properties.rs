//! Property tests of the parser across page layouts and languages (proptest).
//!
//! Random records (invented but realistic titles and sentences, built from per-language pools) are
//! rendered as a page in one of nine layouts, in each language the layout is written in, and must parse
//! back to the same records: their number, and per record the title, the date (start, end, precision),
//! where its year came from (`year_source`) and the lead text; `lossless::verify` must hold too.
//!
//! 1. seed: title line, then `D Month YYYY – lead`, then body paragraphs (en fr es de it pt nl);
//! 2. a date alone on its line, an optional title line, a sentence, maybe more paragraphs;
//!    on some pages of these two every entry ends with the language's `read more` link;
//! 3. year headings (`2017` alone, now and then `2017:`) over `14 March: text` entries without a
//!    year, years descending;
//! 4. key dates: `1956` alone, then one or two paragraphs (precision year);
//! 5. bullets: `- 5 April 2015: sentence.` one-liners;
//! 6. a heading ending with its date (`Vienna, Austria, 29 September – 2 October 2009`), then
//!    paragraphs (title = the place);
//! 7. date-led one-liners mixing the separators ` – `, `: `, `.- ` and `. ` on one page;
//! 8. month-first English: `June 3, 2016 – sentence.`, with titles above every entry or none;
//! 9. table rows scraped with tabs between their cells: `Port Alder <tab> 14 March 2031 <tab> text`.
//!
//! The generator makes only pages a careful reader splits one way: sentences end with a full stop,
//! titles are short headlines without a final stop and name the place their lead names, no line is
//! repeated, no date stands inside a title or a sentence, and the dates of a page run in one order.
//! Fair pages that still fail (the parser's limits, not the generator's) are listed, with their
//! minimal inputs, in `/work/shapes/property-failures.md`.
//!
//! Each property runs 64 cases on a fixed seed, so a run is repeatable; `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` give a longer or different run.

use chrono::NaiveDate;
use pagerev::lang::Lang;
use pagerev::parse::parse;
use pagerev::record::{Date, Page, Precision, YearSource};
use pagerev::source::SourceFile;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{RngSeed, TestCaseError};
use std::collections::HashSet;
use std::fmt;
use std::ops::RangeInclusive;

// ---------------------------------------------------------------------------------------------------------
// Word pools, one set per language

/// What a language gives the generator: its month names as written in dates, page titles (no year),
/// places, headline and lead pairs (`{P}` is the entry's place), body sentences, and the conference
/// places of layout 6 (city, country).
struct LangData {
    months: [&'static str; 12],
    page_titles: &'static [&'static str],
    places: &'static [&'static str],
    /// (title, lead sentence): the lead says what the title announces.
    topics: &'static [(&'static str, &'static str)],
    bodies: &'static [&'static str],
    cities: &'static [(&'static str, &'static str)],
    /// The link scraped after each entry on some pages (`read more`).
    more: &'static str,
}

const EN: LangData = LangData {
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    page_titles: &[
        "News",
        "Press releases",
        "News from the council",
        "Chronology of the harbour board",
    ],
    places: &[
        "Dunmere",
        "Carrowby",
        "Westfall",
        "Ashby",
        "Tillbury",
        "Harlow",
        "Milford",
        "Anford",
        "Skerry",
        "Marsh End",
    ],
    topics: &[
        (
            "New Ferry Terminal Opens in {P}",
            "The harbour authority opened the new ferry terminal in {P} after two years of work.",
        ),
        (
            "{P} Council Approves Its Budget",
            "The council of {P} approved its budget for the coming year by a large majority.",
        ),
        (
            "Bridge Repairs Finished at {P}",
            "Repairs to the old stone bridge at {P} were finished ahead of plan.",
        ),
        (
            "Volunteers Clean the Beach at {P}",
            "Forty volunteers cleared the beach at {P} of plastic and old nets.",
        ),
        (
            "Minister Visits {P}",
            "The minister of transport visited the new depot in {P} with the regional director.",
        ),
        (
            "{P} School Wins Science Prize",
            "Pupils of the primary school in {P} won the national science prize for their water project.",
        ),
        (
            "Night Trains Return to {P}",
            "Night trains to {P} are running again for the first time in ten years.",
        ),
        (
            "Library of {P} Reopens",
            "The public library of {P} reopened with a new reading room for children.",
        ),
        (
            "Flood Defences Strengthened Near {P}",
            "Engineers raised the river wall near {P} by half a metre.",
        ),
        (
            "Board Meets in {P}",
            "The board held its spring meeting in {P} and elected a new chair.",
        ),
    ],
    bodies: &[
        "The work was paid for by the regional development fund.",
        "Residents of {P} were invited to an open day on the following weekend.",
        "The mayor of {P} thanked the staff and the contractors for their work.",
        "A second phase of the project will start next year.",
        "More than two hundred people from {P} and the surrounding villages attended.",
        "The full report is available from the town hall in {P}.",
        "Local businesses in {P} welcomed the decision.",
        "The next meeting will be held in the autumn.",
    ],
    cities: &[
        ("Vienna", "Austria"),
        ("Ljubljana", "Slovenia"),
        ("Trondheim", "Norway"),
        ("Tallinn", "Estonia"),
        ("Porto", "Portugal"),
        ("Ghent", "Belgium"),
        ("Kraków", "Poland"),
        ("Bergen", "Norway"),
        ("Cork", "Ireland"),
        ("Lucerne", "Switzerland"),
    ],
    more: "read more",
};

const FR: LangData = LangData {
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    page_titles: &[
        "Actualités",
        "Communiqués de presse",
        "Chronologie du conseil",
        "Les grandes dates de la ligue",
    ],
    places: &[
        "Kerlouan",
        "Pornéac",
        "Saint-Aubin",
        "Loctudy",
        "Brénac",
        "Valmont",
        "Rochemaure",
        "Plouzévet",
        "Lanvéoc",
        "Montbrison",
    ],
    topics: &[
        (
            "Nouveau terminal de ferry à {P}",
            "Le port de {P} a ouvert son nouveau terminal de ferry après deux ans de travaux.",
        ),
        (
            "Le conseil de {P} adopte son budget",
            "Le conseil municipal de {P} a adopté le budget de l'année à une large majorité.",
        ),
        (
            "Travaux terminés sur le pont de {P}",
            "Les travaux de réparation du vieux pont de {P} sont terminés avec un mois d'avance.",
        ),
        (
            "Des bénévoles nettoient la plage de {P}",
            "Quarante bénévoles ont nettoyé la plage de {P} des plastiques et des vieux filets.",
        ),
        (
            "Visite du ministre à {P}",
            "Le ministre des transports a visité le nouveau dépôt de {P} avec le directeur régional.",
        ),
        (
            "L'école de {P} remporte un prix",
            "Les élèves de l'école primaire de {P} ont remporté le prix national des sciences.",
        ),
        (
            "Retour des trains de nuit à {P}",
            "Les trains de nuit vers {P} circulent de nouveau pour la première fois depuis dix ans.",
        ),
        (
            "Réouverture de la bibliothèque de {P}",
            "La bibliothèque municipale de {P} a rouvert avec une nouvelle salle pour les enfants.",
        ),
        (
            "Digues renforcées près de {P}",
            "Les ingénieurs ont rehaussé la digue près de {P} d'un demi-mètre.",
        ),
        (
            "Le conseil se réunit à {P}",
            "Le conseil d'administration s'est réuni à {P} et a élu une nouvelle présidente.",
        ),
    ],
    bodies: &[
        "Les travaux ont été financés par le fonds régional de développement.",
        "Les habitants de {P} sont invités à une journée portes ouvertes le week-end suivant.",
        "Le maire de {P} a remercié le personnel et les entreprises pour leur travail.",
        "Une deuxième phase du projet commencera l'année prochaine.",
        "Plus de deux cents personnes de {P} et des villages voisins étaient présentes.",
        "Le rapport complet est disponible à la mairie de {P}.",
        "Les commerçants de {P} ont salué cette décision.",
        "La prochaine réunion aura lieu à l'automne.",
    ],
    cities: &[
        ("Vienne", "Autriche"),
        ("Ljubljana", "Slovénie"),
        ("Trondheim", "Norvège"),
        ("Tallinn", "Estonie"),
        ("Porto", "Portugal"),
        ("Gand", "Belgique"),
        ("Cracovie", "Pologne"),
        ("Bergen", "Norvège"),
        ("Cork", "Irlande"),
        ("Lucerne", "Suisse"),
    ],
    more: "Lire la suite",
};

const ES: LangData = LangData {
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    page_titles: &[
        "Noticias",
        "Notas de prensa",
        "Cronología del ayuntamiento",
        "Fechas clave",
    ],
    places: &[
        "Valdemora",
        "Almedina",
        "Villalba",
        "Robledo",
        "Montalbán",
        "Alcaraz",
        "Torrecilla",
        "Navalcán",
        "Castrillo",
        "Peñalver",
    ],
    topics: &[
        (
            "Nueva terminal de ferris en {P}",
            "El puerto de {P} abrió su nueva terminal de ferris tras dos años de obras.",
        ),
        (
            "El ayuntamiento de {P} aprueba su presupuesto",
            "El pleno del ayuntamiento de {P} aprobó el presupuesto del año con una amplia mayoría.",
        ),
        (
            "Terminan las obras del puente de {P}",
            "Las obras de reparación del viejo puente de {P} terminaron un mes antes de lo previsto.",
        ),
        (
            "Voluntarios limpian la playa de {P}",
            "Cuarenta voluntarios limpiaron la playa de {P} de plásticos y redes viejas.",
        ),
        (
            "Visita del ministro a {P}",
            "El ministro de transportes visitó el nuevo depósito de {P} con el director regional.",
        ),
        (
            "La escuela de {P} gana un premio",
            "Los alumnos de la escuela primaria de {P} ganaron el premio nacional de ciencias.",
        ),
        (
            "Vuelven los trenes nocturnos a {P}",
            "Los trenes nocturnos a {P} circulan de nuevo por primera vez en diez años.",
        ),
        (
            "Reabre la biblioteca de {P}",
            "La biblioteca municipal de {P} reabrió con una nueva sala para los niños.",
        ),
        (
            "Refuerzan los diques cerca de {P}",
            "Los ingenieros elevaron el dique cerca de {P} medio metro.",
        ),
        (
            "La junta se reúne en {P}",
            "La junta directiva se reunió en {P} y eligió a una nueva presidenta.",
        ),
    ],
    bodies: &[
        "Las obras fueron financiadas por el fondo regional de desarrollo.",
        "Los vecinos de {P} están invitados a una jornada de puertas abiertas el fin de semana siguiente.",
        "El alcalde de {P} agradeció al personal y a las empresas su trabajo.",
        "Una segunda fase del proyecto comenzará el año que viene.",
        "Más de doscientas personas de {P} y de los pueblos vecinos asistieron al acto.",
        "El informe completo está disponible en el ayuntamiento de {P}.",
        "Los comerciantes de {P} celebraron la decisión.",
        "La próxima reunión se celebrará en otoño.",
    ],
    cities: &[
        ("Viena", "Austria"),
        ("Liubliana", "Eslovenia"),
        ("Trondheim", "Noruega"),
        ("Tallin", "Estonia"),
        ("Oporto", "Portugal"),
        ("Gante", "Bélgica"),
        ("Cracovia", "Polonia"),
        ("Bergen", "Noruega"),
        ("Cork", "Irlanda"),
        ("Lucerna", "Suiza"),
    ],
    more: "Leer más",
};

const DE: LangData = LangData {
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    page_titles: &[
        "Aktuelles",
        "Pressemitteilungen",
        "Chronik des Verbands",
        "Nachrichten aus der Gemeinde",
    ],
    places: &[
        "Altenbrück",
        "Grünsiepen",
        "Hallbach",
        "Lennestadt",
        "Kirchhundem",
        "Bödefeld",
        "Oberelspe",
        "Saalhausen",
        "Fretter",
        "Welschen Ennest",
    ],
    topics: &[
        (
            "Neues Fährterminal in {P} eröffnet",
            "Die Hafenbehörde hat das neue Fährterminal in {P} nach zwei Jahren Bauzeit eröffnet.",
        ),
        (
            "Gemeinderat {P} beschließt den Haushalt",
            "Der Gemeinderat von {P} hat den Haushalt für das kommende Jahr mit großer Mehrheit beschlossen.",
        ),
        (
            "Brückensanierung in {P} abgeschlossen",
            "Die Sanierung der alten Steinbrücke in {P} wurde früher als geplant abgeschlossen.",
        ),
        (
            "Freiwillige reinigen den Strand von {P}",
            "Vierzig Freiwillige haben den Strand von {P} von Plastik und alten Netzen befreit.",
        ),
        (
            "Minister besucht {P}",
            "Der Verkehrsminister besuchte mit dem Regionaldirektor das neue Depot in {P}.",
        ),
        (
            "Schule in {P} gewinnt Preis",
            "Die Schüler der Grundschule in {P} haben den Landespreis für Naturwissenschaften gewonnen.",
        ),
        (
            "Nachtzüge fahren wieder nach {P}",
            "Zum ersten Mal seit zehn Jahren fahren wieder Nachtzüge nach {P}.",
        ),
        (
            "Bibliothek {P} wieder geöffnet",
            "Die Stadtbibliothek von {P} ist mit einem neuen Lesesaal für Kinder wieder geöffnet.",
        ),
        (
            "Deich bei {P} verstärkt",
            "Die Ingenieure haben den Deich bei {P} um einen halben Meter erhöht.",
        ),
        (
            "Vorstand tagt in {P}",
            "Der Vorstand ist in {P} zu seiner Frühjahrssitzung zusammengekommen und hat eine neue Vorsitzende gewählt.",
        ),
    ],
    bodies: &[
        "Die Arbeiten wurden aus dem regionalen Entwicklungsfonds bezahlt.",
        "Die Bürger von {P} sind am folgenden Wochenende zu einem Tag der offenen Tür eingeladen.",
        "Der Bürgermeister von {P} dankte den Mitarbeitern und den Firmen für ihre Arbeit.",
        "Ein zweiter Abschnitt des Projekts beginnt im nächsten Jahr.",
        "Mehr als zweihundert Menschen aus {P} und den umliegenden Dörfern kamen zur Feier.",
        "Der vollständige Bericht liegt im Rathaus von {P} aus.",
        "Die Geschäftsleute in {P} begrüßten die Entscheidung.",
        "Die nächste Sitzung findet im Herbst statt.",
    ],
    cities: &[
        ("Wien", "Österreich"),
        ("Ljubljana", "Slowenien"),
        ("Trondheim", "Norwegen"),
        ("Tallinn", "Estland"),
        ("Porto", "Portugal"),
        ("Gent", "Belgien"),
        ("Krakau", "Polen"),
        ("Bergen", "Norwegen"),
        ("Cork", "Irland"),
        ("Luzern", "Schweiz"),
    ],
    more: "Weiterlesen",
};

const IT: LangData = LangData {
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    page_titles: &[
        "Notizie",
        "Comunicati stampa",
        "Cronologia del consiglio",
        "Le date principali",
    ],
    places: &[
        "Castelnuovo",
        "Rivalta",
        "Valdimonte",
        "Sorbano",
        "Montecalvo",
        "Roccabianca",
        "Pietralunga",
        "Casalvecchio",
        "Torrebruna",
        "Fontanella",
    ],
    topics: &[
        (
            "Nuovo terminal dei traghetti a {P}",
            "Il porto di {P} ha aperto il nuovo terminal dei traghetti dopo due anni di lavori.",
        ),
        (
            "Il consiglio di {P} approva il bilancio",
            "Il consiglio comunale di {P} ha approvato il bilancio dell'anno con un'ampia maggioranza.",
        ),
        (
            "Conclusi i lavori sul ponte di {P}",
            "I lavori di restauro del vecchio ponte di {P} sono stati conclusi con un mese di anticipo.",
        ),
        (
            "Volontari puliscono la spiaggia di {P}",
            "Quaranta volontari hanno ripulito la spiaggia di {P} dalla plastica e dalle vecchie reti.",
        ),
        (
            "Il ministro in visita a {P}",
            "Il ministro dei trasporti ha visitato il nuovo deposito di {P} con il direttore regionale.",
        ),
        (
            "La scuola di {P} vince un premio",
            "Gli alunni della scuola primaria di {P} hanno vinto il premio nazionale di scienze.",
        ),
        (
            "Tornano i treni notturni a {P}",
            "I treni notturni per {P} circolano di nuovo per la prima volta in dieci anni.",
        ),
        (
            "Riapre la biblioteca di {P}",
            "La biblioteca comunale di {P} ha riaperto con una nuova sala per i bambini.",
        ),
        (
            "Argini rinforzati vicino a {P}",
            "Gli ingegneri hanno alzato l'argine vicino a {P} di mezzo metro.",
        ),
        (
            "Il consiglio si riunisce a {P}",
            "Il consiglio di amministrazione si è riunito a {P} e ha eletto una nuova presidente.",
        ),
    ],
    bodies: &[
        "I lavori sono stati finanziati dal fondo regionale per lo sviluppo.",
        "Gli abitanti di {P} sono invitati a una giornata di porte aperte il fine settimana successivo.",
        "Il sindaco di {P} ha ringraziato il personale e le imprese per il loro lavoro.",
        "Una seconda fase del progetto partirà l'anno prossimo.",
        "Più di duecento persone di {P} e dei paesi vicini hanno partecipato alla festa.",
        "La relazione completa è disponibile presso il municipio di {P}.",
        "I commercianti di {P} hanno accolto con favore la decisione.",
        "La prossima riunione si terrà in autunno.",
    ],
    cities: &[
        ("Vienna", "Austria"),
        ("Lubiana", "Slovenia"),
        ("Trondheim", "Norvegia"),
        ("Tallinn", "Estonia"),
        ("Porto", "Portogallo"),
        ("Gand", "Belgio"),
        ("Cracovia", "Polonia"),
        ("Bergen", "Norvegia"),
        ("Cork", "Irlanda"),
        ("Lucerna", "Svizzera"),
    ],
    more: "Leggi tutto",
};

const PT: LangData = LangData {
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    page_titles: &[
        "Notícias",
        "Comunicados de imprensa",
        "Cronologia da associação",
        "Datas principais",
    ],
    places: &[
        "Lagoa Funda",
        "Vilar do Monte",
        "Carvalhal",
        "Penedono",
        "Alvaiázere",
        "Tavora",
        "Sernancelhe",
        "Moimenta",
        "Trancoso",
        "Mogadouro",
    ],
    topics: &[
        (
            "Novo terminal de ferries em {P}",
            "O porto de {P} abriu o novo terminal de ferries depois de dois anos de obras.",
        ),
        (
            "Câmara de {P} aprova o orçamento",
            "A assembleia municipal de {P} aprovou o orçamento do ano com uma larga maioria.",
        ),
        (
            "Concluídas as obras da ponte de {P}",
            "As obras de reparação da velha ponte de {P} terminaram um mês antes do previsto.",
        ),
        (
            "Voluntários limpam a praia de {P}",
            "Quarenta voluntários limparam a praia de {P} de plásticos e redes velhas.",
        ),
        (
            "Ministro visita {P}",
            "O ministro dos transportes visitou o novo depósito de {P} com o diretor regional.",
        ),
        (
            "Escola de {P} ganha prémio",
            "Os alunos da escola primária de {P} ganharam o prémio nacional de ciências.",
        ),
        (
            "Comboios noturnos regressam a {P}",
            "Os comboios noturnos para {P} voltam a circular pela primeira vez em dez anos.",
        ),
        (
            "Biblioteca de {P} reabre",
            "A biblioteca municipal de {P} reabriu com uma nova sala para as crianças.",
        ),
        (
            "Diques reforçados perto de {P}",
            "Os engenheiros elevaram o dique perto de {P} em meio metro.",
        ),
        (
            "Direção reúne-se em {P}",
            "A direção da associação reuniu-se em {P} e elegeu uma nova presidente.",
        ),
    ],
    bodies: &[
        "As obras foram pagas pelo fundo regional de desenvolvimento.",
        "Os moradores de {P} estão convidados para um dia aberto no fim de semana seguinte.",
        "O presidente da câmara de {P} agradeceu aos funcionários e às empresas pelo seu trabalho.",
        "Uma segunda fase do projeto começa no próximo ano.",
        "Mais de duzentas pessoas de {P} e das aldeias vizinhas estiveram presentes.",
        "O relatório completo está disponível na câmara municipal de {P}.",
        "Os comerciantes de {P} saudaram a decisão.",
        "A próxima reunião realiza-se no outono.",
    ],
    cities: &[
        ("Viena", "Áustria"),
        ("Liubliana", "Eslovénia"),
        ("Trondheim", "Noruega"),
        ("Tallinn", "Estónia"),
        ("Porto", "Portugal"),
        ("Gante", "Bélgica"),
        ("Cracóvia", "Polónia"),
        ("Bergen", "Noruega"),
        ("Cork", "Irlanda"),
        ("Lucerna", "Suíça"),
    ],
    more: "Leia mais",
};

const NL: LangData = LangData {
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    page_titles: &[
        "Nieuws",
        "Persberichten",
        "Kroniek van het waterschap",
        "Belangrijke data",
    ],
    places: &[
        "Oosterdijk",
        "Westerhaven",
        "Zuidbroek",
        "Noordlaren",
        "Holwerd",
        "Ternaard",
        "Oudega",
        "Marrum",
        "Wierum",
        "Paesens",
    ],
    topics: &[
        (
            "Nieuwe veerterminal in {P} geopend",
            "Het havenbedrijf heeft de nieuwe veerterminal in {P} na twee jaar bouwen geopend.",
        ),
        (
            "Gemeenteraad {P} keurt begroting goed",
            "De gemeenteraad van {P} heeft de begroting voor het komende jaar met ruime meerderheid goedgekeurd.",
        ),
        (
            "Herstel brug bij {P} klaar",
            "Het herstel van de oude stenen brug bij {P} is eerder klaar dan gepland.",
        ),
        (
            "Vrijwilligers maken strand van {P} schoon",
            "Veertig vrijwilligers hebben het strand van {P} ontdaan van plastic en oude netten.",
        ),
        (
            "Minister bezoekt {P}",
            "De minister van verkeer heeft met de regiodirecteur het nieuwe depot in {P} bezocht.",
        ),
        (
            "School in {P} wint prijs",
            "De leerlingen van de basisschool in {P} hebben de landelijke wetenschapsprijs gewonnen.",
        ),
        (
            "Nachttreinen rijden weer naar {P}",
            "Voor het eerst in tien jaar rijden er weer nachttreinen naar {P}.",
        ),
        (
            "Bibliotheek {P} weer open",
            "De openbare bibliotheek van {P} is weer open met een nieuwe leeszaal voor kinderen.",
        ),
        (
            "Dijk bij {P} versterkt",
            "De ingenieurs hebben de dijk bij {P} een halve meter verhoogd.",
        ),
        (
            "Bestuur vergadert in {P}",
            "Het bestuur heeft in {P} vergaderd en een nieuwe voorzitter gekozen.",
        ),
    ],
    bodies: &[
        "Het werk is betaald uit het regionale ontwikkelingsfonds.",
        "De inwoners van {P} zijn het volgende weekend welkom op een open dag.",
        "De burgemeester van {P} bedankte het personeel en de aannemers voor hun werk.",
        "Een tweede fase van het project begint volgend jaar.",
        "Meer dan tweehonderd mensen uit {P} en de omliggende dorpen waren aanwezig.",
        "Het volledige rapport ligt ter inzage in het gemeentehuis van {P}.",
        "De winkeliers in {P} zijn blij met het besluit.",
        "De volgende vergadering is in het najaar.",
    ],
    cities: &[
        ("Wenen", "Oostenrijk"),
        ("Ljubljana", "Slovenië"),
        ("Trondheim", "Noorwegen"),
        ("Tallinn", "Estland"),
        ("Porto", "Portugal"),
        ("Gent", "België"),
        ("Krakau", "Polen"),
        ("Bergen", "Noorwegen"),
        ("Cork", "Ierland"),
        ("Luzern", "Zwitserland"),
    ],
    more: "Lees meer",
};

/// Every pool holds at least this many places and cities: one per entry, never two entries in one place.
const PLACES: usize = 10;

/// The languages of the layouts written in every language.
const ALL_LANGS: &[Lang] = &[
    Lang::En,
    Lang::Fr,
    Lang::Es,
    Lang::De,
    Lang::It,
    Lang::Pt,
    Lang::Nl,
];

fn data(lang: Lang) -> &'static LangData {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Es => &ES,
        Lang::De => &DE,
        Lang::It => &IT,
        Lang::Pt => &PT,
        Lang::Nl => &NL,
        other => unreachable!("no word pools for {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Dates as each language writes them

/// The day number as written: `1er` in French, `1°` (sometimes) in Italian, `1º` (sometimes) in
/// Spanish and Portuguese, `3.` in German.
fn day_word(lang: Lang, d: u32, alt: bool) -> String {
    match lang {
        Lang::Fr if d == 1 => "1er".to_string(),
        Lang::It if d == 1 && alt => "1°".to_string(),
        Lang::Es | Lang::Pt if d == 1 && alt => "1º".to_string(),
        Lang::De => format!("{d}."),
        _ => d.to_string(),
    }
}

/// Day and month without a year: `14 March`, `14 mars`, `14 de marzo`, `14. März`, `14 maggio`,
/// `14 de março`, `14 maart`.
fn day_month(lang: Lang, m: u32, d: u32, alt: bool) -> String {
    let month = data(lang).months[m as usize - 1];
    let day = day_word(lang, d, alt);
    match lang {
        Lang::Es | Lang::Pt => format!("{day} de {month}"),
        _ => format!("{day} {month}"),
    }
}

/// A full day date: `12 March 2015`, `12 de marzo de 2015`, `3. Mai 2019`, `14 maggio 2019`,
/// `3 de maio de 2019`, `3 mei 2019`.
fn full_date(lang: Lang, y: i32, m: u32, d: u32, alt: bool) -> String {
    let dm = day_month(lang, m, d, alt);
    match lang {
        Lang::Es | Lang::Pt => format!("{dm} de {y}"),
        _ => format!("{dm} {y}"),
    }
}

/// A range of days within one month: `14 – 16 April 2010`, `del 14 al 16 de abril de 2010`,
/// `14.–16. April 2010`, `14 a 16 de abril de 2010`.
fn range_in_month(lang: Lang, y: i32, m: u32, d1: u32, d2: u32, alt: bool) -> String {
    let month = data(lang).months[m as usize - 1];
    match lang {
        Lang::Es if alt => format!("del {d1} al {d2} de {month} de {y}"),
        Lang::Es => format!("{d1} – {d2} de {month} de {y}"),
        Lang::Pt => format!("{d1} a {d2} de {month} de {y}"),
        Lang::De => format!("{d1}.–{d2}. {month} {y}"),
        _ => format!("{} – {d2} {month} {y}", day_word(lang, d1, alt)),
    }
}

/// A range across two months of one year: `29 September – 2 October 2009`,
/// `29 de septiembre al 2 de octubre de 2009`, `29. September – 2. Oktober 2009`.
fn range_across_months(
    lang: Lang,
    y: i32,
    m1: u32,
    d1: u32,
    m2: u32,
    d2: u32,
    alt: bool,
) -> String {
    let first = day_month(lang, m1, d1, alt);
    let second = day_month(lang, m2, d2, alt);
    match lang {
        Lang::Es => format!("{first} al {second} de {y}"),
        Lang::Pt => format!("{first} a {second} de {y}"),
        _ => format!("{first} – {second} {y}"),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("generated dates are real")
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date {
        start: ymd(y, m, d),
        end: None,
        precision: Precision::Day,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Generated input

/// The random choices for one entry; each layout reads the ones it uses.
#[derive(Debug, Clone)]
struct EntryRaw {
    topic: usize,
    /// Body paragraphs (indices into the body pool; repeats on the page are dropped).
    bodies: Vec<usize>,
    titled: bool,
    /// A layout's small choice: the separator, the kind of range, the lead's length.
    choice: usize,
    alt: bool,
    span: u32,
}

#[derive(Debug, Clone)]
struct Input {
    lang: Lang,
    page_title: Option<usize>,
    /// A permutation of the place pool: entry `i` is about `places[i]`.
    places: Vec<usize>,
    /// Distinct (year, month, day) triples, one per entry.
    dates: Vec<(i32, u32, u32)>,
    /// Distinct years, one per entry (key dates).
    years: Vec<i32>,
    entries: Vec<EntryRaw>,
    ascending: bool,
    /// Each entry ends with a `read more` link (layouts 1 and 2).
    more: bool,
    /// Whether a blank line follows each line (cycled).
    blanks: Vec<bool>,
}

fn entry_raw() -> impl Strategy<Value = EntryRaw> {
    (
        0..10usize,
        prop::collection::vec(0..8usize, 0..3),
        any::<bool>(),
        0..12usize,
        any::<bool>(),
        1..=4u32,
    )
        .prop_map(|(topic, bodies, titled, choice, alt, span)| EntryRaw {
            topic,
            bodies,
            titled,
            choice,
            alt,
            span,
        })
}

/// Pages of 2–8 entries in one of `langs`, dated in `years`.
fn input(langs: &'static [Lang], years: RangeInclusive<i32>) -> impl Strategy<Value = Input> {
    (select(langs), 2..=8usize).prop_flat_map(move |(lang, n)| {
        (
            Just(lang),
            prop::option::weighted(0.8, 0..4usize),
            Just((0..PLACES).collect::<Vec<usize>>()).prop_shuffle(),
            prop::collection::btree_set((years.clone(), 1..=12u32, 1..=28u32), n),
            prop::collection::btree_set(1900..=2020i32, n),
            prop::collection::vec(entry_raw(), n),
            any::<bool>(),
            prop::bool::weighted(0.3),
            prop::collection::vec(any::<bool>(), 1..10),
        )
            .prop_map(
                |(lang, page_title, places, dates, years, entries, ascending, more, blanks)| {
                    Input {
                        lang,
                        page_title,
                        places,
                        dates: dates.into_iter().collect(),
                        years: years.into_iter().collect(),
                        entries,
                        ascending,
                        more,
                        blanks,
                    }
                },
            )
    })
}

/// What the parser must give back for one record.
#[derive(Debug, Clone, PartialEq)]
struct Want {
    title: Option<String>,
    date: Option<Date>,
    year_source: YearSource,
    lead: Option<String>,
}

impl fmt::Display for Want {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date.map_or("null".to_string(), |d| {
            let precision = match d.precision {
                Precision::Day => "day",
                Precision::Month => "month",
                Precision::Year => "year",
            };
            match d.end {
                Some(e) => format!("{} end {e} ({precision})", d.start),
                None => format!("{} ({precision})", d.start),
            }
        });
        write!(
            f,
            "title {:?}, date {date}, year_source {}, lead {:?}",
            self.title,
            self.year_source.name(),
            self.lead
        )
    }
}

/// A page being written: its lines and the records it means.
struct Builder {
    lang: Lang,
    lines: Vec<String>,
    want: Vec<Want>,
    /// Every line written, to keep lines distinct (a repeated line is a caption, not text).
    seen: HashSet<String>,
}

impl Builder {
    fn new(input: &Input) -> Self {
        let mut b = Builder {
            lang: input.lang,
            lines: Vec::new(),
            want: Vec::new(),
            seen: HashSet::new(),
        };
        if let Some(t) = input.page_title {
            let d = data(input.lang);
            b.line(d.page_titles[t % d.page_titles.len()].to_string());
        }
        b
    }

    fn line(&mut self, s: String) {
        self.seen.insert(s.clone());
        self.lines.push(s);
    }

    /// The entry's body paragraphs, about `place`, leaving out any the page already has.
    fn bodies(&mut self, e: &EntryRaw, place: &str) {
        let pool = data(self.lang).bodies;
        for &i in &e.bodies {
            let s = pool[i % pool.len()].replace("{P}", place);
            if !self.seen.contains(&s) {
                self.line(s);
            }
        }
    }

    /// The `read more` link after an entry, on pages that have one.
    fn more(&mut self, input: &Input) {
        if input.more {
            self.lines.push(data(self.lang).more.to_string());
        }
    }

    fn want(&mut self, title: Option<String>, date: Date, source: YearSource, lead: String) {
        self.want.push(Want {
            title,
            date: Some(date),
            year_source: source,
            lead: Some(lead),
        });
    }

    fn render(&self, blanks: &[bool]) -> String {
        let mut out = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            out.push_str(l);
            out.push('\n');
            if blanks[i % blanks.len()] {
                out.push('\n');
            }
        }
        out
    }
}

impl Input {
    fn place(&self, i: usize) -> &'static str {
        data(self.lang).places[self.places[i]]
    }

    fn topic(&self, i: usize) -> (String, String) {
        let d = data(self.lang);
        let (t, s) = d.topics[self.entries[i].topic % d.topics.len()];
        let p = self.place(i);
        (t.replace("{P}", p), s.replace("{P}", p))
    }

    /// The dates in page order (newest first unless the page runs oldest first).
    fn ordered_dates(&self) -> Vec<(i32, u32, u32)> {
        let mut d = self.dates.clone();
        if !self.ascending {
            d.reverse();
        }
        d
    }
}

// ---------------------------------------------------------------------------------------------------------
// The layouts

/// Layout 1, seed: title line, `D Month YYYY – lead`, body paragraphs (and maybe `read more`).
fn seed_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (title, mut lead) = input.topic(i);
        // Some leads run on with a second sentence.
        if e.choice % 3 == 0 {
            let pool = data(input.lang).bodies;
            let second = pool[e.span as usize % pool.len()].replace("{P}", input.place(i));
            lead = format!("{lead} {second}");
            // Not repeated as a paragraph below.
            b.seen.insert(second);
        }
        let sep = [" – ", " - ", " – "][e.choice % 3];
        b.line(title.clone());
        b.line(format!(
            "{}{sep}{lead}",
            full_date(input.lang, y, m, d, e.alt)
        ));
        b.bodies(e, input.place(i));
        b.more(input);
        b.want(Some(title), day(y, m, d), YearSource::Written, lead);
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 2: a date alone on its line, an optional title line, a sentence and maybe more
/// paragraphs (and maybe `read more`).
fn date_alone_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (title, lead) = input.topic(i);
        b.line(full_date(input.lang, y, m, d, e.alt));
        if e.titled {
            b.line(title.clone());
        }
        b.line(lead.clone());
        b.bodies(e, input.place(i));
        b.more(input);
        b.want(
            e.titled.then_some(title),
            day(y, m, d),
            YearSource::Written,
            lead,
        );
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 3: year headings (`2017` alone, or `2017:`) over `14 March: text` entries with no year,
/// newest first.
fn year_heading_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    let mut dates = input.dates.clone();
    dates.reverse();
    let mut year = None;
    for (i, (y, m, d)) in dates.into_iter().enumerate() {
        let e = &input.entries[i];
        if year != Some(y) {
            // `2017`, or now and then `2017:`.
            b.line(if e.span == 4 {
                format!("{y}:")
            } else {
                y.to_string()
            });
            year = Some(y);
        }
        let (_, lead) = input.topic(i);
        let sep = if input.lang == Lang::Fr { " : " } else { ": " };
        b.line(format!("{}{sep}{lead}", day_month(input.lang, m, d, e.alt)));
        if e.titled {
            b.bodies(e, input.place(i));
        }
        b.want(None, day(y, m, d), YearSource::Heading, lead);
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 4, key dates: a year alone on its line, then one or two paragraphs; oldest first.
fn key_dates_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    for (i, &y) in input.years.iter().enumerate() {
        let e = &input.entries[i];
        let (_, lead) = input.topic(i);
        b.line(y.to_string());
        b.line(lead.clone());
        if let Some(&k) = e.bodies.first() {
            let pool = data(input.lang).bodies;
            let s = pool[k % pool.len()].replace("{P}", input.place(i));
            if !b.seen.contains(&s) {
                b.line(s);
            }
        }
        b.want(
            None,
            Date {
                start: ymd(y, 1, 1),
                end: None,
                precision: Precision::Year,
            },
            YearSource::Written,
            lead,
        );
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 5, bullets: `- 5 April 2015: sentence.` one-liners.
fn bullets_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (_, lead) = input.topic(i);
        b.line(format!(
            "- {}: {lead}",
            full_date(input.lang, y, m, d, e.alt)
        ));
        b.want(None, day(y, m, d), YearSource::Written, lead);
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 6: a heading ending with its date (`Vienna, Austria, 29 September – 2 October 2009`),
/// then paragraphs; the title is the place.
fn heading_date_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    let cities = data(input.lang).cities;
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (city, country) = cities[input.places[i]];
        let (date_text, date) = match e.choice % 3 {
            1 if d <= 24 => {
                let d2 = d + e.span;
                (
                    range_in_month(input.lang, y, m, d, d2, e.alt),
                    Date {
                        start: ymd(y, m, d),
                        end: Some(ymd(y, m, d2)),
                        precision: Precision::Day,
                    },
                )
            }
            // A few days across the end of a month.
            2 if m < 12 && d >= 25 => (
                range_across_months(input.lang, y, m, d, m + 1, e.span, e.alt),
                Date {
                    start: ymd(y, m, d),
                    end: Some(ymd(y, m + 1, e.span)),
                    precision: Precision::Day,
                },
            ),
            _ => (full_date(input.lang, y, m, d, e.alt), day(y, m, d)),
        };
        let title = format!("{city}, {country}");
        let t = data(input.lang).topics;
        let lead = t[e.topic % t.len()].1.replace("{P}", city);
        b.line(format!("{title}, {date_text}"));
        b.line(lead.clone());
        b.bodies(e, city);
        b.want(Some(title), date, YearSource::Written, lead);
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 7: date-led one-liners, the separators ` – `, `: `, `.- ` and `. ` mixed on one page.
fn separators_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (_, lead) = input.topic(i);
        let colon = if input.lang == Lang::Fr { " : " } else { ": " };
        let sep = [" – ", colon, ".- ", ". "][e.choice % 4];
        b.line(format!(
            "{}{sep}{lead}",
            full_date(input.lang, y, m, d, e.alt)
        ));
        b.want(None, day(y, m, d), YearSource::Written, lead);
    }
    (b.render(&input.blanks), b.want)
}

/// Layout 8, month-first English: `June 3, 2016 – sentence.`, with a title line above every entry
/// or none, and maybe body paragraphs.
fn month_first_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    let titled = input.entries[0].titled;
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (title, lead) = input.topic(i);
        if titled {
            b.line(title.clone());
        }
        let sep = [" – ", " - "][e.choice % 2];
        b.line(format!("{} {d}, {y}{sep}{lead}", EN.months[m as usize - 1]));
        b.bodies(e, input.place(i));
        b.want(
            titled.then_some(title),
            day(y, m, d),
            YearSource::Written,
            lead,
        );
    }
    (b.render(&input.blanks), b.want)
}

// ---------------------------------------------------------------------------------------------------------
// The check

/// Layout 9: table rows scraped with tabs between their cells (`Port Alder <tab> 14 March 2031 <tab>
/// text`): the place, the date, the text.
fn tab_rows_page(input: &Input) -> (String, Vec<Want>) {
    let mut b = Builder::new(input);
    for (i, (y, m, d)) in input.ordered_dates().into_iter().enumerate() {
        let e = &input.entries[i];
        let (_, lead) = input.topic(i);
        b.line(format!(
            "{}\t{}\t{lead}",
            input.place(i),
            full_date(input.lang, y, m, d, e.alt)
        ));
        b.want(None, day(y, m, d), YearSource::Written, lead);
    }
    (b.render(&input.blanks), b.want)
}

fn got(page: &Page<'_>) -> Vec<Want> {
    page.records
        .iter()
        .map(|r| Want {
            title: r.title.map(|t| t.raw.to_string()),
            date: r.date,
            year_source: r.year_source,
            lead: r.lead.map(|l| l.text.raw.to_string()),
        })
        .collect()
}

fn listing(records: &[Want]) -> String {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| format!("  {i}: {r}\n"))
        .collect()
}

/// The page parses back to the records it was made from, and nothing is lost.
fn parses_back(text: &str, want: &[Want]) -> Result<(), TestCaseError> {
    let source = SourceFile::from_text("gen.txt", text.to_string()).expect("a text page");
    let page = parse(&source, None);
    if let Err(e) = pagerev::lossless::verify(&source, &page) {
        prop_assert!(false, "lossless: {e}\npage:\n{text}");
    }
    let got = got(&page);
    prop_assert!(
        got == want,
        "records differ\npage:\n{text}\nwant {} records:\n{}got {} records:\n{}",
        want.len(),
        listing(want),
        got.len(),
        listing(&got)
    );
    Ok(())
}

/// `cases` cases on a fixed seed (so a run is repeatable), or `PROPTEST_CASES` and `PROPTEST_RNG_SEED`
/// for a longer or different local run. No regression files are written.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0x5eed_1a70);
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Layout 1: the seed layout, every language.
    #[test]
    fn seed_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = seed_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 2: dates alone on their line, titles after them or none.
    #[test]
    fn date_alone_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = date_alone_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 3: year headings over entries without a year.
    #[test]
    fn year_heading_layout_parses_back(input in input(ALL_LANGS, 2014..=2017)) {
        let (text, want) = year_heading_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 4: key dates, years alone, then paragraphs.
    #[test]
    fn key_dates_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = key_dates_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 5: date bullets, one line each.
    #[test]
    fn bullets_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = bullets_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 6: headings ending with their date (days and ranges).
    #[test]
    fn heading_date_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = heading_date_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 7: date-led one-liners with mixed separators.
    #[test]
    fn mixed_separators_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = separators_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 9: table rows with tabs between their cells.
    #[test]
    fn tab_rows_layout_parses_back(input in input(ALL_LANGS, 1990..=2024)) {
        let (text, want) = tab_rows_page(&input);
        parses_back(&text, &want)?;
    }

    /// Layout 8: month-first English dates.
    #[test]
    fn month_first_layout_parses_back(input in input(&[Lang::En], 1990..=2024)) {
        let (text, want) = month_first_page(&input);
        parses_back(&text, &want)?;
    }
}
