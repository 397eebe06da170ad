//! Deciding who owns the lines between two dated leads.
//!
//! Between the lead of entry *k* and the lead of entry *k+1* stand, in order: *k*'s body paragraphs, *k*'s
//! trailing captions, *k+1*'s title and *k+1*'s leading captions — and sometimes whole entries whose date
//! is missing. Blank lines cannot be trusted to separate these (some scrapes lose them all), so the
//! planner works from the shape of each line:
//!
//! - a **label** is short and has no sentence-ending punctuation (titles, many captions);
//! - a **sentence** is anything else (paragraphs, captions that repeat a sentence);
//! - a **placeholder** has no letter or digit at all (`/`, `|` left by images), or is link furniture
//!   (`read more`, `Lire la suite`, `Share`), and is skipped;
//! - a **credit** is a photo credit or image file name (`Jane Doe/Examplia Images`, `visit-2019.jpg`): a
//!   caption of the entry it stands in, never a title.
//!
//! The last run of labels before a lead opens the next entry: its first label is the title, everything
//! after it is a leading caption. A label that repeats a line of the previous entry (or shares words with
//! it and none with the next lead) is a trailing caption of the previous entry instead. An earlier run of
//! labels followed by sentences opens an entry without a date. At the end of a body, lines that repeat the
//! entry's title, lead or captions (or each other), and labels, are trailing captions.

use crate::canonical::more_words_than;
use crate::canonical::{canonical_hash, letter_count};
use crate::record::Text;
use rustc_hash::{FxHashMap, FxHashSet};

/// Longest line, in words, still read as a title or caption label.
pub const MAX_LABEL_WORDS: usize = 20;

/// Longest label, in words and in bytes, that can be an entry's title. Longer unpunctuated lines are
/// captions when they follow a title, and otherwise most likely paragraphs that lost their full stop.
pub const MAX_TITLE_WORDS: usize = 14;
pub const MAX_TITLE_BYTES: usize = 100;

/// True for a label short enough to be a title.
pub fn is_title_like(item: &Item<'_>) -> bool {
    item.kind == Kind::Label
        && item.text.raw.len() <= MAX_TITLE_BYTES
        && item
            .text
            .raw
            .split_whitespace()
            .nth(MAX_TITLE_WORDS)
            .is_none()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Label,
    Sentence,
    Placeholder,
    Credit,
}

/// A non-blank, non-lead line waiting to be assigned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item<'a> {
    pub text: Text<'a>,
    pub kind: Kind,
}

impl<'a> Item<'a> {
    pub fn new(text: Text<'a>) -> Self {
        Item {
            text,
            kind: classify(text.raw),
        }
    }
}

/// Which entry a line goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The entry before the segment (or the page preamble, before the first entry).
    Prev,
    /// The n-th undated entry found inside the segment.
    Undated(usize),
    /// The entry whose lead closes the segment.
    Next,
}

/// Which field of its entry a line fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    CaptionBefore,
    Lead,
    Paragraph,
    /// A credit among the body paragraphs.
    CaptionBody,
    CaptionAfter,
    Placeholder,
}

/// What the planner knows about the entries on either side of the segment.
pub struct Context<'c> {
    /// True when the segment follows an entry (false before the first one: the preamble).
    pub prev_is_record: bool,
    /// The previous entry's title, captions, lead and lead's first sentence.
    pub prev_known: &'c [Key<'c>],
    /// The previous entry's lead text, for word overlap: what a caption of it speaks of. (Not its title:
    /// the titles of one page share their template words, `Minister of the Interior of …`, and a title
    /// sharing them is not a caption of the entry above.)
    pub prev_words: &'c [&'c str],
    /// The closing lead's text (after date and dateline), or `None` at the end of the page.
    pub next_lead: Option<&'c str>,
    /// Keys of the closing lead and its first sentence (empty at the end of the page).
    pub next_known: &'c [Key<'c>],
    /// The line of the dated line that closes the segment, when an entry opens there.
    pub next_line: Option<u32>,
    /// The line of the previous entry's lead, when it is a sentence on a line of its own.
    pub prev_text_line: Option<u32>,
}

/// A line reduced to what canonical comparison needs, with a cheap prefilter: lines whose canonical forms
/// are equal have the same count of letters and digits, so most pairs are told apart without hashing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key<'a> {
    signature: u32,
    text: &'a str,
}

impl<'a> Key<'a> {
    pub fn of(text: &'a str) -> Self {
        Key {
            signature: letter_count(text),
            text,
        }
    }

    /// True when both lines have the same canonical form.
    pub fn same(&self, other: &Key<'_>) -> bool {
        self.signature == other.signature && canonical_hash(self.text) == canonical_hash(other.text)
    }

    /// Keys of `text` and of its first sentence (captions often repeat just that).
    pub fn with_first_sentence(text: &'a str, out: &mut Vec<Key<'a>>) {
        out.push(Key::of(text));
        if let Some(end) = first_sentence_end(text) {
            out.push(Key::of(&text[..end]));
        }
    }

    fn is_in(&self, set: &[Key<'_>]) -> bool {
        set.iter().any(|k| k.same(self))
    }
}

/// An entry's known lines (title, captions, lead), to find lines repeating one of them. A linear scan for
/// the usual handful; an entry with many captions is indexed by (signature, canonical hash) — the same
/// equality as [`Key::same`] — so a page repeating one of 40,000 captions 40,000 times stays linear instead
/// of taking minutes (RELIABILITY.md, "Resource limits").
struct Known<'k> {
    keys: &'k [Key<'k>],
    index: Option<FxHashSet<(u32, u64)>>,
}

impl<'k> Known<'k> {
    /// Up to this many keys a scan is cheaper than hashing every line looked up.
    const SCAN_MAX: usize = 32;

    fn new(keys: &'k [Key<'k>]) -> Self {
        let index = (keys.len() > Self::SCAN_MAX)
            .then(|| keys.iter().map(|k| hashed_key(k.text)).collect());
        Known { keys, index }
    }

    fn contains(&self, key: &Key<'_>) -> bool {
        match &self.index {
            Some(index) => index.contains(&(key.signature, canonical_hash(key.text))),
            None => key.is_in(self.keys),
        }
    }
}

pub(crate) fn first_sentence_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', b)
        .map(|i| i + 1)
        .find(|&i| b.get(i) == Some(&b' '))
}

/// Reads a line's shape.
pub fn classify(s: &str) -> Kind {
    // Nearly every line has an ASCII letter or digit within its first bytes.
    let has_alnum = s.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!s.is_ascii() && s.chars().any(char::is_alphanumeric));
    if !has_alnum {
        return Kind::Placeholder;
    }
    // Furniture, navigation and credits are short: most lines of a page are not.
    if s.len() <= 120 {
        if is_weekday_line(s) {
            return Kind::Placeholder;
        }
        if is_furniture(s) || is_navigation(s) || is_logo(s) || is_site_banner(s) {
            return Kind::Placeholder;
        }
        if is_credit(s) {
            return Kind::Credit;
        }
    }
    if ends_like_sentence(s) || more_words_than(s, MAX_LABEL_WORDS) || is_field_line(s) {
        Kind::Sentence
    } else {
        Kind::Label
    }
}

/// A field of an announcement's block (`Time: 10h00`, `Venue: Harbour House`, `WHERE: City Hall`,
/// `Lieu : salle des fêtes`): part of the entry's text, never a title, whatever its length.
fn is_field_line(s: &str) -> bool {
    let Some(colon) = memchr::memchr(b':', &s.as_bytes()[..s.len().min(24)]) else {
        return false;
    };
    let key = s[..colon].trim();
    !key.is_empty()
        && colon + 1 < s.len()
        && crate::lang::with_folded(key, |k| {
            // Not the date's own field ([`is_date_field_label`]).
            matches!(
                k,
                b"time"
                    | b"venue"
                    | b"where"
                    | b"who"
                    | b"what"
                    | b"location"
                    | b"enquiries"
                    | b"inquiries"
                    | b"contact"
                    | b"rsvp"
                    | b"lieu"
                    | b"heure"
                    | b"horaire"
                    | b"lugar"
                    | b"hora"
                    | b"horario"
                    | b"ort"
                    | b"zeit"
                    | b"uhrzeit"
                    | b"luogo"
                    | b"ora"
                    | b"orario"
                    | b"local"
                    | b"horas"
                    | b"locatie"
                    | b"tijd"
                    | b"plaats"
            )
        })
}

/// A field of a listing, its date's included (`Contact: …`, `Ort: …`, `WHEN: Tuesday, …`): what an
/// entry's lead is not, when text follows.
pub(crate) fn is_any_field_line(s: &str) -> bool {
    is_field_line(s)
        || s.split_once(':')
            .is_some_and(|(label, _)| is_date_field_label(label.trim()))
}

/// The label of the field that gives an announcement's date (`Date`, `When`, `Fecha`, `Datum und
/// Uhrzeit`, …), as in `Date: Thursday, 20 March 2031`. Left out of [`is_field_line`]: such a line is
/// read as a dated heading (`layout::is_field_date`), and opens the entries of a page built of fields.
pub fn is_date_field_label(label: &str) -> bool {
    label.len() <= 24
        && crate::lang::with_folded(label, |l| {
            matches!(
                l,
                b"date"
                    | b"dates"
                    | b"date and time"
                    | b"date & time"
                    | b"when"
                    | b"day"
                    | b"date et heure"
                    | b"quand"
                    | b"jour"
                    | b"fecha"
                    | b"fechas"
                    | b"fecha y hora"
                    | b"cuando"
                    | b"dia"
                    | b"datum"
                    | b"datum und uhrzeit"
                    | b"wann"
                    | b"tag"
                    | b"data"
                    | b"data e ora"
                    | b"data e hora"
                    | b"quando"
                    | b"datum en tijd"
                    | b"wanneer"
            )
        })
}

/// A weekday's full name alone on its line (`Thursday`, `giovedì`, `Segunda-feira,`): a scrape that put
/// a date's weekday on the line above it (`Thursday` / `May 19, 2031`). It names no entry and heads
/// nothing the date below it does not: furniture, never a title.
fn is_weekday_line(s: &str) -> bool {
    if s.len() > 24 || s.contains(' ') {
        return false;
    }
    let word = s.trim_end_matches([',', '.', ':']);
    // Full names only: an abbreviation alone (`Mon`, `Sa`) may be anything.
    word.chars().count() >= 5
        && matches!(
            crate::lang::vocabulary().lookup(word, crate::lang::LangSet::ALL),
            Some(crate::lang::Word::Weekday(_))
        )
}

/// A logo's alternative text scraped as a line (`homepage logo`, `Logo of the Council`): a few words, one
/// of them `logo`.
fn is_logo(s: &str) -> bool {
    s.len() <= 40
        && !more_words_than(s, 4)
        && s.split_whitespace()
            .any(|w| crate::lang::with_folded(w, |f| f == b"logo"))
}

/// An accessibility link a scrape keeps as a page's first line: `Skip to main content`, `Aller au
/// contenu`, `Zum Inhalt springen`.
pub fn is_skip_link(s: &str) -> bool {
    const CONTENT: [&str; 7] = [
        "contenu",
        "content",
        "contenido",
        "inhalt",
        "contenuto",
        "conteudo",
        "inhoud",
    ];
    let folded = crate::lang::fold(s.trim_matches(|c: char| !c.is_alphanumeric()));
    (folded.starts_with("skip ") || folded == "top of page")
        || !more_words_than(&folded, 5)
            && folded.split_whitespace().any(|w| CONTENT.contains(&w))
            && is_furniture(s)
}

/// What a page may show above its title and is never it: a skip link, a breadcrumb trail (`Home > News >
/// Archive`), a government site's banner (`An official website of the State of …`, `Here's how you
/// know`).
pub fn is_above_title(s: &str) -> bool {
    is_skip_link(s)
        || is_site_banner(s)
        || is_account_links(s)
        || is_language_links(s)
        || is_image_label(s)
        || [" > ", " › ", " » "].iter().any(|a| s.contains(a)) && is_navigation(s)
}

/// A site's account links (`Log in`, `Log in | Register | Add your organisation`, `New here? Create an
/// account`): the first link is one of the phrases below.
fn is_account_links(s: &str) -> bool {
    const ACCOUNT: [&str; 16] = [
        "log in",
        "login",
        "sign in",
        "sign up",
        "log out",
        "register",
        "my account",
        "create an account",
        "new here",
        "connexion",
        "se connecter",
        "iniciar sesion",
        "anmelden",
        "inloggen",
        "accedi",
        "entrar",
    ];
    if s.len() > 120 {
        return false;
    }
    let first = s.split(['|', '?', '·', '/']).next().unwrap_or("");
    let folded = crate::lang::fold(first.trim_matches(|c: char| !c.is_alphanumeric()));
    ACCOUNT.contains(&&*folded) && (first.len() == s.len() || is_navigation(s) || s.contains('?'))
}

/// A header image's text scraped above the title (`Photo of an old wall calendar on the Guildhall
/// stairs`, `Image of the harbour at dawn`).
fn is_image_label(s: &str) -> bool {
    const OPENERS: [&str; 8] = [
        "photo of ",
        "image of ",
        "picture of ",
        "photo de ",
        "foto de ",
        "imagen de ",
        "immagine di ",
        "foto van ",
    ];
    OPENERS
        .iter()
        .any(|o| s.len() > o.len() && s.get(..o.len()).is_some_and(|h| h.eq_ignore_ascii_case(o)))
}

/// A site's links to its other languages (`[Version française] [Versión en español]`, `English |
/// Français`): every part names a language.
fn is_language_links(s: &str) -> bool {
    const LANGUAGES: [&str; 15] = [
        "english",
        "anglais",
        "french",
        "francais",
        "francaise",
        "espanol",
        "spanish",
        "deutsch",
        "german",
        "italiano",
        "portugues",
        "nederlands",
        "dutch",
        "العربية",
        "arabic",
    ];
    if s.len() > 120 {
        return false;
    }
    let mut parts = s
        .split(['[', ']', '|', '/', '·'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .peekable();
    parts.peek().is_some()
        && parts.all(|p| {
            !more_words_than(p, 3) && {
                // `Version française`, `Versión en español`, `English`: nothing but the
                // language and the words naming a version of the page.
                let folded = crate::lang::fold(p);
                let mut words = folded.split_whitespace();
                words.clone().any(|w| LANGUAGES.contains(&w))
                    && words.all(|w| {
                        LANGUAGES.contains(&w)
                            || matches!(w, "version" | "en" | "in" | "em" | "auf" | "op")
                    })
            }
        })
}

/// The banner a government site puts above everything: `An official website of the United States
/// government`, `Here's how you know`, `Official websites use .gov`.
fn is_site_banner(s: &str) -> bool {
    // Compared without folding: every short line of a page is asked.
    let s = s.trim_start().as_bytes();
    let opens = |phrase: &str| {
        s.get(..phrase.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(phrase.as_bytes()))
    };
    opens("an official website of")
        || opens("official websites use")
        || opens("here's how you know")
        || opens("here’s how you know")
}

/// Link furniture scraped along with entries: `read more`, `Lire la suite »`, `[Leer más]`, `Share`.
pub fn is_furniture(s: &str) -> bool {
    if is_decorated_link(s) || is_related_link(s) {
        return true;
    }
    // No furniture phrase has more than ten words.
    if s.len() > 60 || memchr::memchr_iter(b' ', s.as_bytes()).nth(10).is_some() {
        return false;
    }
    let t = s.trim_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() {
        return false;
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        return is_reading_time(t) || is_pagination(t);
    }
    let (phrases, first_words) = furniture();
    // Furniture opens with one of a few words, or ends with a comment count: look at those words
    // before folding the line.
    let first = t.split_whitespace().next().unwrap_or("");
    let (link, post) = crate::lang::with_folded(first, |w| {
        (first_words.contains(w), opens_post_furniture(w))
    });
    if !link {
        let last = t.rsplit(' ').next().unwrap_or("");
        let comments = memchr::memchr_iter(b' ', t.as_bytes()).nth(2).is_none()
            && crate::lang::with_folded(last, counts_comments);
        return (post || comments) && is_post_furniture(s);
    }
    let folded = crate::lang::fold(t);
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    phrases.contains(folded.as_bytes()) || is_post_furniture(s) || is_pagination(t)
}

/// A link to a related article set in the text, under its kicker (`→ A LIRE AUSSI : Port-Varenne : le
/// nouveau marché …`, `Te puede interesar: …`, `Read also: …`, `Lesen Sie auch:`): the kicker, then a
/// colon or nothing.
pub fn is_related_link(s: &str) -> bool {
    const KICKERS: [&str; 20] = [
        "a lire aussi",
        "lire aussi",
        "read also",
        "also read",
        "see also",
        "te puede interesar",
        "lee tambien",
        "leer tambien",
        "leia tambem",
        "leggi anche",
        "vedi anche",
        "lesen sie auch",
        "lees ook",
        // `اقرأ أيضاً`, folded.
        "اقرا ايضا",
        "related",
        "related articles",
        "related stories",
        "noticias relacionadas",
        "articles connexes",
        "gerelateerd",
    ];
    let t = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Look at the first byte, then the first word, against the kickers' own before folding anything:
    // most lines open with another. (`À` and `اقرأ` are the kickers' first words before folding.)
    let b0 = t.as_bytes().first().map(u8::to_ascii_lowercase);
    if !b0.is_some_and(|b| b == 0xC3 || KICKERS.iter().any(|k| k.as_bytes()[0] == b)) {
        return false;
    }
    let first = t
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let opens = matches!(first, "à" | "À" | "اقرأ")
        || KICKERS.iter().any(|k| {
            // `first` is the kicker's first word: the whole kicker, or its start before a space.
            let k = k.as_bytes();
            let n = first.len();
            k.get(..n)
                .is_some_and(|head| head.eq_ignore_ascii_case(first.as_bytes()))
                && k.get(n).is_none_or(|&b| b == b' ')
        });
    if !opens || t.len() > 400 {
        return false;
    }
    let head: String = t.chars().take(24).collect();
    let folded = crate::lang::fold(&head);
    KICKERS.iter().any(|k| {
        folded.strip_prefix(k).is_some_and(|after| {
            let after = after.trim_start();
            after.is_empty() || after.starts_with(':')
        })
    })
}

/// A post's reading time, a line of a blog's byline: `4 min read`, `12 min de lecture`, `3 Min. Lesezeit`,
/// `5 minutos de lectura`, `2 minuti di lettura`, `6 min leestijd`.
/// A pager's words that are links alone too (`Previous`, `Anterior`, `Volgende`), folded.
const PAGER_WORDS: &[&str] = &[
    "page",
    "pagina",
    "seite",
    "previous",
    "next",
    "anterior",
    "siguiente",
    "precedente",
    "successivo",
    "successiva",
    "precedent",
    "suivant",
    "vorherige",
    "nachste",
    "vorige",
    "volgende",
    "proximo",
    "proxima",
];

/// A pager: page numbers, with ellipses and arrows, and a few pager words (`1 … 4 5 6 … 96`, `«
/// Precedente 1 2 3 Successivo »`, `Page 2 of 14`).
fn is_pagination(t: &str) -> bool {
    // Every pager has a page number.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut numbers = 0;
    let mut words = 0;
    for w in t.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if w.bytes().all(|b| b.is_ascii_digit()) {
            numbers += 1;
        } else if crate::lang::with_folded(w, |f| {
            PAGER_WORDS.iter().any(|p| p.as_bytes() == f)
                || matches!(
                    f,
                    b"of"
                        | b"de"
                        | b"di"
                        | b"von"
                        | b"van"
                        | b"prev"
                        | b"first"
                        | b"last"
                        | b"suivante"
                )
        }) {
            words += 1;
        } else {
            return false;
        }
    }
    numbers >= 2 || numbers >= 1 && words >= 1
}

fn is_reading_time(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let number = words.next().unwrap_or("");
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 3 {
        return false;
    }
    // The unit first, folded in place: most lines that start with a number (a row of a table, a
    // running number) go on with anything but minutes, and folding all their words showed in profiles.
    let minutes = words.next().is_some_and(|unit| {
        crate::lang::with_folded(unit, |mut u| {
            while let [head @ .., b'.'] = u {
                u = head;
            }
            matches!(
                u,
                b"min" | b"mins" | b"minute" | b"minutes" | b"minutos" | b"minuti" | b"minuten"
            )
        })
    });
    if !minutes {
        return false;
    }
    let rest: Vec<String> = words.map(|w| crate::lang::fold(w).into_owned()).collect();
    let reading: Vec<&str> = rest.iter().map(|w| w.trim_end_matches('.')).collect();
    matches!(
        reading.as_slice(),
        ["read"]
            | ["de", "lecture"]
            | ["lesezeit"]
            | ["de", "lectura"]
            | ["di", "lettura"]
            | ["de", "leitura"]
            | ["leestijd"]
    )
}

/// A wiki's edit link on a line of its own: `[edit]`, `[editar]`, `[modifier | modifier le code]`.
fn is_edit_link(s: &str) -> bool {
    s.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .is_some_and(is_furniture)
}

/// A short line ending with a colon (`Haushalt beschlossen:`): a kicker over a headline.
pub fn is_kicker(s: &str) -> bool {
    s.ends_with(':') && !more_words_than(s, MAX_TITLE_WORDS)
}

/// A link set off by symbols on both sides and opening with a word for reading or seeing (`+ + + Lesen
/// Sie hier die vollständige Pressemitteilung + + +`, `>> Read the full statement <<`, `»» Lire le
/// communiqué ««`): whatever its words, a link to the rest of the entry.
fn is_decorated_link(s: &str) -> bool {
    // Cheap first: the line starts and ends with a symbol.
    let symbol = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    if s.len() > 160
        || !s.chars().next().is_some_and(symbol)
        || !s.chars().next_back().is_some_and(symbol)
    {
        return false;
    }
    let symbol_or_space = |c: char| !c.is_alphanumeric();
    let start = s.len() - s.trim_start_matches(symbol_or_space).len();
    let inner = s[start..].trim_end_matches(symbol_or_space);
    let (before, after) = (&s[..start], &s[start + inner.len()..]);
    let set_off = |part: &str| part.chars().filter(|c| !c.is_whitespace()).count() >= 2;
    if inner.is_empty() || !set_off(before) || !set_off(after) || more_words_than(inner, 10) {
        return false;
    }
    let first = inner.split_whitespace().next().unwrap_or("");
    crate::lang::with_folded(first, |w| {
        matches!(
            w,
            b"read"
                | b"lire"
                | b"leer"
                | b"lesen"
                | b"weiterlesen"
                | b"leggi"
                | b"leia"
                | b"ler"
                | b"lees"
                | b"more"
                | b"mehr"
                | b"plus"
                | b"mas"
                | b"meer"
                | b"see"
                | b"view"
                | b"voir"
                | b"ver"
                | b"vedi"
                | b"continue"
                | b"click"
                | b"cliquez"
                | b"klicken"
                | b"full"
        )
    })
}

/// The first word (folded) of a blog's byline or post links: `posted`, `publicado`, `older`, `subscribe`.
fn opens_post_furniture(w: &[u8]) -> bool {
    matches!(
        w,
        b"posted"
            | b"publicado"
            | b"publie"
            | b"pubblicato"
            | b"veroffentlicht"
            | b"geplaatst"
            | b"written"
            | b"older"
            | b"newer"
            | b"entradas"
            | b"articles"
            | b"altere"
            | b"post"
            | b"oudere"
            | b"subscribe"
            | b"suscribirse"
    ) || is_follow_us_opener(w)
}

/// The first word (folded) of a call to follow the site ([`FOLLOW_US`]). Compared with each phrase's
/// first word as a whole: a word of another length is told apart by its length alone, where trying it
/// as a prefix of every phrase compared its bytes.
fn is_follow_us_opener(w: &[u8]) -> bool {
    static OPENERS: std::sync::OnceLock<Vec<&'static [u8]>> = std::sync::OnceLock::new();
    OPENERS
        .get_or_init(|| {
            FOLLOW_US
                .iter()
                .filter_map(|p| p.split(' ').next().map(str::as_bytes))
                .collect()
        })
        .contains(&w)
}

/// A call to follow the site elsewhere (`Follow us on social media`, `Suivez-nous sur …`, `تابعونا على
/// الشبكات الاجتماعية`), folded: how such a short line opens. Its first word also lets
/// [`opens_post_furniture`] pass the line on to [`is_post_furniture`].
const FOLLOW_US: [&str; 11] = [
    "follow us",
    "suivez-nous",
    "suivez nous",
    "abonnez-vous",
    "siguenos",
    "folgen sie uns",
    "seguici",
    "siga-nos",
    "volg ons",
    "تابعونا",
    "اشترك",
];

/// The last word (folded) of a comment count: `comments`, `Kommentare`, `reacties`.
fn counts_comments(w: &[u8]) -> bool {
    w.starts_with(b"comment") || w.starts_with(b"kommentar") || w.starts_with(b"reactie")
}

/// A blog's post furniture: a byline (`Posted by X at 19:40`, `Publicado por …`), a comment count
/// (`No hay comentarios:`, `3 comments`), older-posts links.
fn is_post_furniture(s: &str) -> bool {
    // Look at the first and last words before folding the whole line.
    let t = s.trim_end_matches([':', '.']);
    let first = t.split_whitespace().next().unwrap_or("");
    let last = t.split_whitespace().next_back().unwrap_or("");
    let may_be = crate::lang::with_folded(first, opens_post_furniture)
        || crate::lang::with_folded(last, counts_comments);
    if !may_be {
        return false;
    }
    let lower = crate::lang::fold(s);
    let lower = lower.trim_end_matches([':', '.']);
    const BYLINES: [&str; 8] = [
        "posted by ",
        "publicado por ",
        "publie par ",
        "pubblicato da ",
        "veroffentlicht von ",
        "geplaatst door ",
        "publicado em ",
        "written by ",
    ];
    // `Publicado em 4 de junho de 2031` is a byline's date (`Posted on …`), which may open a post: not
    // furniture, as `Publicado em Notícias` (a category) is.
    let dated = |rest: &str| {
        let word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        word.starts_with(|c: char| c.is_numeric())
            || crate::lang::vocabulary()
                .lookup(word, crate::lang::LangSet::ALL)
                .is_some()
    };
    // Nor is one that ends with its date after the category and author (`Publicado em Notícias por em 2
    // de dezembro de 2031`).
    let ends_dated = || {
        t.ends_with(|c: char| c.is_ascii_digit())
            && crate::parse::scan::Scanner::new(
                crate::lang::vocabulary(),
                crate::lang::LangSet::ALL,
            )
            .end(t)
            .is_some_and(|d| d.found.from.day.is_some() && d.found.has_year())
    };
    if BYLINES
        .iter()
        .any(|b| lower.strip_prefix(b).is_some_and(|rest| !dated(rest)))
        && !more_words_than(s, 10)
        && !ends_dated()
    {
        return true;
    }
    const COMMENTS: [&str; 12] = [
        "comment",
        "comments",
        "commentaire",
        "commentaires",
        "comentario",
        "comentarios",
        "kommentar",
        "kommentare",
        "commento",
        "commenti",
        "reactie",
        "reacties",
    ];
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() <= 3 && words.last().is_some_and(|w| COMMENTS.contains(w)) {
        return true;
    }
    matches!(
        lower,
        "older posts"
            | "newer posts"
            | "entradas antiguas"
            | "entradas mas recientes"
            | "articles plus anciens"
            | "altere posts"
            | "post piu vecchi"
            | "oudere berichten"
    ) || lower.starts_with("subscribe to")
        || lower.starts_with("suscribirse a")
        || !more_words_than(lower, 8) && FOLLOW_US.iter().any(|p| lower.starts_with(p))
}

/// Folded phrases, and the words they open with.
type PhraseSets = (FxHashSet<Vec<u8>>, FxHashSet<Vec<u8>>);

/// Link furniture phrases (folded), and the words they open with.
fn furniture() -> &'static PhraseSets {
    static SETS: std::sync::OnceLock<PhraseSets> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        const PHRASES: &[&str] = &[
            "read more",
            "more",
            "continue reading",
            "learn more",
            "more info",
            "more information",
            "read full article",
            "read the full article",
            "show full article",
            "read full story",
            "view all",
            "see all",
            "mehr erfahren",
            "mehr informationen",
            "weitere informationen",
            "zum beitrag",
            "zur meldung",
            "lees verder",
            "meer informatie",
            "meer info",
            "lire l'article",
            "voir l'article",
            "seguir leyendo",
            "leer nota completa",
            "leer noticia completa",
            "ver noticia",
            "saber mas",
            "scopri di piu",
            "leggi l'articolo",
            "leggi la notizia",
            "continue lendo",
            "continuar lendo",
            "ver mais",
            "veja mais",
            "read on",
            "read the full story",
            "full story",
            "share",
            "view more",
            "see more",
            "back to top",
            "page top",
            "to top",
            "return to top",
            "top",
            "print",
            "edit",
            "edit | edit source",
            "all news",
            "lire la suite",
            "lire plus",
            "en savoir plus",
            "voir plus",
            "partager",
            "retour en haut",
            "haut de page",
            "imprimer",
            "modifier",
            "modifier | modifier le code",
            "toutes les actualites",
            "leer mas",
            "ver mas",
            "mas informacion",
            "compartir",
            "volver arriba",
            "editar",
            "editar | editar codigo",
            "weiterlesen",
            "mehr lesen",
            "mehr",
            "mehr anzeigen",
            "teilen",
            "nach oben",
            "bearbeiten",
            "quelltext bearbeiten",
            "leggi tutto",
            "leggi di piu",
            "continua a leggere",
            "condividi",
            "torna su",
            "mostra altro",
            "modifica",
            "modifica wikitesto",
            "modifica | modifica wikitesto",
            "leia mais",
            "saiba mais",
            "ler mais",
            "partilhar",
            "compartilhar",
            "voltar ao topo",
            "lees meer",
            "lees artikel",
            "lees het artikel",
            "read article",
            "read the article",
            "artikel lesen",
            "zum artikel",
            "leer articulo",
            "ler artigo",
            "meer lezen",
            "delen",
            "naar boven",
            "meer weergeven",
            "bewerken",
            "bewerken | brontekst bewerken",
            "اقرا المزيد",
            "أكمل القراءة",
            "المزيد",
            "العودة الى اعلى الصفحة",
            "impressum",
            "bekijk",
            "view",
            "voir",
            "ansehen",
            "vedi",
            "visualizza",
            "datenschutz",
            "imprint",
            "privacy",
            "privacy policy",
            "contact",
            "kontakt",
            "mentions legales",
            "aviso legal",
            "cookies",
            "home",
            "accueil",
            "inicio",
            "startseite",
            // Advertisement markers scraped between paragraphs, and share links under an item.
            "advertisement",
            "story continues below advertisement",
            "article continues below advertisement",
            "la suite apres cette publicite",
            "publicite",
            "anzeige",
            "publicidad",
            "pubblicita",
            "publicidade",
            "advertentie",
            "share this",
            // Comment links under a post.
            "leave a comment",
            "leave a reply",
            "click here to comment",
            "deixe um comentario",
            "deixe seu comentario",
            "clique aqui e comente",
            "clique aqui e comente sobre isto",
            "laisser un commentaire",
            "deja un comentario",
            "lascia un commento",
            "kommentar schreiben",
            "share this article",
            "share this story",
            "partager cet article",
            "compartir esta noticia",
            "compartir esta nota",
            "compartir en",
            "condividi questo articolo",
            "compartilhe",
            "compartilhe esta noticia",
            "artikel teilen",
            "deel dit artikel",
            // Pagination links (`« Anterior`, `Older Entries »`, `Page 2 of 14`; single words in
            // PAGER_WORDS).
            "previous page",
            "next page",
            "older entries",
            "newer entries",
            "older posts",
            "newer posts",
            "page suivante",
            "page precedente",
            "السابق",
            "التالي",
            // Back links (`<<< Terug`, `« Back`).
            "back",
            "go back",
            "terug",
            "zuruck",
            "retour",
            "volver",
            "indietro",
            "voltar",
            // Accessibility links scraped as a page's first line.
            "skip to main content",
            "skip to content",
            "skip navigation",
            "skip to navigation",
            "top of page",
            "aller au contenu",
            "aller au contenu principal",
            "passer au contenu",
            "ir al contenido",
            "saltar al contenido",
            "zum inhalt springen",
            "direkt zum inhalt",
            "vai al contenuto",
            "ir para o conteudo",
            "naar de inhoud",
        ];
        let phrases: FxHashSet<Vec<u8>> = PHRASES
            .iter()
            .chain(PAGER_WORDS)
            .map(|p| crate::lang::fold(p).as_bytes().to_vec())
            .collect();
        let first_words = phrases
            .iter()
            .filter_map(|p| p.split(|b| *b == b' ').next().map(<[u8]>::to_vec))
            .collect();
        (phrases, first_words)
    })
}

/// A photo credit or an image file name: `Jane Doe/Examplia Images`, `Photo: Jane Doe`, `© Examplia`,
/// `visit-2019.jpg`. Short, and shaped unlike any title.
pub fn is_credit(s: &str) -> bool {
    if s.len() > 120 {
        return false;
    }
    let b = s.as_bytes();
    // An image file name: a short extension after the last dot, no sentence before it.
    const IMAGE: [&str; 9] = [
        "jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "svg", "avif",
    ];
    if let Some(dot) = memchr::memrchr(b'.', b) {
        let ext = &b[dot + 1..];
        if ext.len() <= 4
            && IMAGE.iter().any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
            && !s.contains(". ")
            && !more_words_than(s, 10)
        {
            return true;
        }
    }
    // An opener: `Photo:`, `© Agency`, `Courtesy of …`.
    // `(Foto: Arquivo).`: a credit in brackets.
    let core = s.trim_start_matches(['(', '[']);
    let first_word = core
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("");
    let opener_word = s.starts_with(['©', '('])
        || crate::lang::with_folded(first_word, |w| {
            matches!(
                w,
                b"photo"
                    | b"photos"
                    | b"photograph"
                    | b"foto"
                    | b"fotos"
                    | b"credit"
                    | b"credito"
                    | b"image"
                    | b"picture"
                    | b"bild"
                    | b"copyright"
                    | b"courtesy"
                    | b"beeld"
                    | b"imagen"
                    | b"immagine"
                    | b"imagem"
            ) || first_word.starts_with("الصورة")
                || first_word.starts_with("صورة")
        });
    if opener_word {
        const OPENERS: [&str; 22] = [
            "beeld ",
            "imagen:",
            "immagine:",
            "imagem:",
            "photo:",
            "photo ©",
            "photos:",
            "foto:",
            "fotos:",
            "credit:",
            "crédit:",
            "crédito:",
            "image:",
            "picture:",
            "bild:",
            "copyright",
            "courtesy",
            "photo by",
            "photograph by",
            "photo credit",
            "image courtesy",
            "picture by",
        ];
        let starts_ci = |o: &str| {
            let mut sc = core.chars().flat_map(char::to_lowercase);
            o.chars().all(|c| sc.next() == Some(c))
        };
        let arabic = first_word.starts_with("الصورة") || first_word.starts_with("صورة");
        // `Courtesy Harrowgate Trust`, never `Courtesy call by the Mayor …` (a diplomatic headline).
        let courtesy_call = ["courtesy call", "courtesy visit"]
            .iter()
            .any(|o| starts_ci(o));
        if s.starts_with('©')
            || s.starts_with("(c)")
            || arabic
            || (OPENERS.iter().any(|o| starts_ci(o)) && !courtesy_call)
        {
            return !more_words_than(s, 10);
        }
    }
    // `Harbour at dusk © Ann Lee`: an image's caption with its copyright after it.
    // (`©` is the bytes C2 A9: most lines have no C2 byte at all.)
    if let Some(at) = memchr::memchr(0xC2, b).and_then(|_| s.find(" © ")) {
        let owner = &s[at + " © ".len()..];
        if owner.starts_with(char::is_uppercase) && !more_words_than(s, 10) {
            return true;
        }
    }
    // `Name/Agency Images`: a slash joining two capitalised words, no spaces around it.
    memchr::memchr(b'/', b).is_some()
        && !more_words_than(s, 6)
        && !ends_like_sentence(s)
        && memchr::memchr_iter(b'/', b).any(|i| {
            i > 0
                && s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(crate::canonical::is_alphabetic)
                && s[i + 1..].chars().next().is_some_and(char::is_uppercase)
        })
}

/// True when a line stops in the middle of a sentence, to go on on the next line: it ends with a word
/// cut by a hyphen (`Joliot-`), a comma, or a word that never ends a phrase (an article, a preposition, a
/// conjunction: `… fonde le`, `… division of the`). Such a line is a piece of a wrapped paragraph (a PDF's
/// or a plain-text page's columns), never a headline.
pub fn breaks_off(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with(',') {
        return true;
    }
    if let Some(body) = t.strip_suffix(['-', '\u{2010}', '\u{00ad}']) {
        return body
            .chars()
            .next_back()
            .is_some_and(crate::canonical::is_alphabetic);
    }
    let Some(last) = t.rsplit(char::is_whitespace).next() else {
        return false;
    };
    // The first word of a line is no phrase's end either way.
    if last.len() == t.len() {
        return false;
    }
    crate::lang::with_folded(last, |w| {
        matches!(
            w,
            b"the"
                | b"a"
                | b"an"
                | b"of"
                | b"and"
                | b"to"
                | b"for"
                | b"with"
                | b"by"
                | b"in"
                | b"le"
                | b"la"
                | b"les"
                | b"un"
                | b"une"
                | b"de"
                | b"des"
                | b"du"
                | b"et"
                | b"au"
                | b"aux"
                | b"pour"
                | b"par"
                | b"avec"
                | b"dans"
                | b"el"
                | b"los"
                | b"las"
                | b"y"
                | b"del"
                | b"con"
                | b"por"
                | b"para"
                | b"una"
                | b"der"
                | b"die"
                | b"das"
                | b"und"
                | b"von"
                | b"mit"
                | b"zu"
                | b"il"
                | b"gli"
                | b"della"
                | b"di"
                | b"per"
                | b"os"
                | b"da"
                | b"do"
                | b"com"
                | b"het"
                | b"een"
                | b"van"
                | b"en"
                | b"met"
        )
    })
}

/// True when the text ends with sentence punctuation, looking through closing quotes and brackets.
fn ends_like_sentence(s: &str) -> bool {
    // Emoji after a sentence's end (`… pony rides for the children. 🎉`) close it as a quote does.
    let closing = |c: char| {
        crate::canonical::is_blank_char(c)
            || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
            || is_emoji(c)
    };
    let ends = |t: &str| t.ends_with(['.', '!', '?', '…', ':', ';']);
    let mut t = s.trim_end_matches(closing);
    if !ends(t) {
        // `… resurfaced. Read more`: a link glued after the text does not end it.
        let stripped = strip_trailing_link(s);
        if stripped.len() == s.len() {
            return false;
        }
        t = stripped.trim_end_matches(closing);
        if !ends(t) {
            return false;
        }
    }
    // A headline in title case may end with an exclamation or a question (`Bike Month: Something For
    // Everyone!`, `Ready for Winter?`): a sentence has lower-case words.
    if t.ends_with(['!', '?']) && is_title_case(t) {
        return false;
    }
    // A short line ending with an abbreviation that has dots inside (`TSV Grünwalde 1949 e.V.`,
    // `Embassy of the U.S.`) is a label, not a sentence.
    if s.len() > 100 || !t.ends_with('.') {
        return true;
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    let inner_dot = last
        .strip_suffix('.')
        .is_some_and(|body| body.len() > 1 && body.contains('.') && !body.contains(".."));
    !inner_dot || more_words_than(s, 8)
}

/// A long line opening in lower case (`from A History of the Port of Carrow, by …, 1931, pp. 188-197`): a
/// fragment or a source, never a headline, even when it has the length and the ending of one.
pub fn is_fragment(s: &str) -> bool {
    s.starts_with(char::is_lowercase) && more_words_than(s, 6)
}

/// One short sentence ending with a question or an exclamation mark, in any case (`Efemérides del 14 de
/// diciembre: ¿Qué pasó un día como hoy?`): a page's first line may be such a headline, where a
/// paragraph says more. (In title case any line so ending is a label: [`is_title_case`].)
pub fn is_headline_question(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['?', '!'])
        && !more_words_than(t, 14)
        && !t[..t.len() - 1].contains(['.', '?', '!'])
}

/// A short line whose every word of four letters or more starts with a capital, two such words at least
/// (`Bike Month: Something For Everyone!`): how English headlines are written, never a sentence.
fn is_title_case(s: &str) -> bool {
    if s.len() > 80 {
        return false;
    }
    let mut long_words = 0;
    for word in s.split(|c: char| !crate::canonical::is_alphabetic(c)) {
        if word.chars().nth(3).is_none() {
            continue;
        }
        if !word.starts_with(char::is_uppercase) {
            return false;
        }
        long_words += 1;
    }
    long_words >= 2
}

/// An emoji, or a joiner or variation selector inside one.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F | 0x200D | 0x2B50 | 0x2B55)
}

/// `text` without a link glued to its end (`… Read more`, `… Lire la suite »`, `… Leer más`).
fn strip_trailing_link(text: &str) -> &str {
    const LINKS: [&str; 9] = [
        "read more",
        "lire la suite",
        "leer más",
        "leer mas",
        "weiterlesen",
        "leggi tutto",
        "leia mais",
        "lees meer",
        "continue reading",
    ];
    let t =
        text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '›' | '>' | '…'));
    // Every link ends with one of these words: look at the last word first.
    let last = t.rsplit(' ').next().unwrap_or("");
    if last.len() > 11
        || !crate::lang::with_folded(last, |w| {
            matches!(
                w,
                b"more"
                    | b"suite"
                    | b"mas"
                    | b"weiterlesen"
                    | b"tutto"
                    | b"mais"
                    | b"meer"
                    | b"reading"
            )
        })
    {
        return text;
    }
    for link in LINKS {
        if t.len() > link.len() + 2 {
            let cut = t.len() - link.len();
            if t.is_char_boundary(cut)
                && t[cut..].eq_ignore_ascii_case(link)
                && t[..cut].ends_with(' ')
            {
                return t[..cut].trim_end();
            }
        }
    }
    text
}

/// Navigation scraped with a page: short link texts joined by bars, arrows or slashes (`Home | News |
/// Contact`, `Startseite > Verein > Chronik`), without digits.
fn is_navigation(s: &str) -> bool {
    let b = s.as_bytes();
    // Every navigation line has a run of spaces or one of the separators.
    let separator = memchr::memchr3(b'|', b'>', b'/', b).is_some()
        || (!s.is_ascii() && s.contains(['»', '›', '·', '•']));
    // Digits are a date or a count, except in a breadcrumb of three crumbs or more, where an archive's
    // year and month are crumbs (`Home > News > 2031 > 05 - May`).
    let breadcrumb = || {
        [" > ", " › ", " » "]
            .iter()
            .any(|a| s.split(a).nth(2).is_some())
    };
    if s.len() > 120
        || !separator && memchr::memmem::find(b, b"   ").is_none()
        || b.iter().any(u8::is_ascii_digit) && !breadcrumb()
    {
        return false;
    }
    // A heading set in spaced capitals (`H A R B O U R   N E W S`) is a title, not columns.
    if s.split_whitespace().all(|w| w.chars().nth(1).is_none()) {
        return false;
    }
    // A table's header row, its columns apart by runs of spaces: `Lugar de la visita   Periodo`.
    if s.contains("   ") && !ends_like_sentence(s) && !more_words_than(s, 12) {
        return true;
    }
    for sep in [" | ", " > ", " » ", " › ", " / ", " · ", " • "] {
        if s.contains(sep) {
            // Two parts joined by a bar may be a title and a site name (`Our history | Ropeworks
            // Trust`): navigation has three or more, or a breadcrumb arrow, or only furniture words.
            let parts = s.split(sep).count();
            if parts < 3 && matches!(sep, " | " | " / " | " · " | " • ") {
                return s.split(sep).all(is_furniture);
            }
            return s.split(sep).enumerate().all(|(i, part)| {
                // A breadcrumb of three crumbs or more may open with where it is (`Sie befinden sich
                // hier: Startseite > …`, `You are here: Home > …`).
                let part = match part.rsplit_once(':') {
                    Some((_, crumb)) if i == 0 && parts >= 3 => crumb,
                    _ => part,
                };
                !part.trim().is_empty()
                    && part
                        .split_whitespace()
                        .nth(if i == 0 { 4 } else { 3 })
                        .is_none()
            });
        }
    }
    false
}

/// Buffers [`plan`] reuses from one segment to the next.
#[derive(Default)]
pub struct Scratch {
    real: Vec<usize>,
    runs: Vec<(usize, usize)>,
    starts: Vec<(usize, usize)>,
}

/// Assigns every item of the segment to an owner and a role, writing one entry per item to `out`.
pub fn plan(
    items: &[Item<'_>],
    ctx: &Context<'_>,
    scratch: &mut Scratch,
    out: &mut Vec<(Owner, Role)>,
) {
    let n = items.len();
    out.clear();
    out.resize(n, (Owner::Prev, Role::Paragraph));
    // Positions (in `items`) of the lines that take part: placeholders are assigned at the end.
    let Scratch { real, runs, starts } = scratch;
    real.clear();
    runs.clear();
    starts.clear();
    real.extend((0..n).filter(|&i| !matches!(items[i].kind, Kind::Placeholder | Kind::Credit)));
    let real = &real[..];
    let m = real.len();
    let prev_known = Known::new(ctx.prev_known);
    let key = |p: usize| Key::of(items[real[p]].text.raw);
    let is_label = |p: usize| items[real[p]].kind == Kind::Label;
    // Link furniture (`Read more`, a filter bar) between two labels ends a run: what follows it heads
    // the next entry, what precedes it belongs to the one above.
    let furniture_before = |p: usize| {
        (real[p - 1] + 1..real[p]).any(|i| {
            items[i].kind == Kind::Placeholder
                && items[i].text.raw.chars().any(char::is_alphanumeric)
        })
    };
    let mut p = 0;
    while p < m {
        if is_label(p) {
            let s = p;
            p += 1;
            while p < m && is_label(p) && !furniture_before(p) {
                p += 1;
            }
            runs.push((s, p));
        } else {
            p += 1;
        }
    }

    // 1. The head of the next entry: its title run, or for an untitled entry the captions repeating its lead.
    let mut region_end = m;
    if let Some(next_lead) = ctx.next_lead {
        let mut title = None;
        if let Some(&(s, e)) = runs.last() {
            let mut t = s;
            let mut later = LaterInRun::new(items, real, s, e);
            while t < e
                && ctx.prev_is_record
                && label_belongs_to_prev(
                    items,
                    real,
                    (s, t, e),
                    &prev_known,
                    &mut later,
                    next_lead,
                    ctx.prev_words,
                )
            {
                t += 1;
            }
            if ctx.prev_is_record && t == s {
                t = after_closing_captions(items, real, (s, e), ctx);
            }
            // Before the first entry, a long run of short labels (link texts of three words or fewer:
            // `News Releases`, `Filter by topic`, `All`, `Parks`) is the page's menus and filters, down to
            // the entry's title right over its date.
            if !ctx.prev_is_record
                && e - s > 3
                && (s..e - 1).all(|q| !more_words_than(items[real[q]].text.raw, 3))
            {
                t = e - 1;
            }
            if t < e && !is_fragment(items[real[t]].text.raw) {
                title = Some(t);
            }
        }
        // A label with a wiki edit link on the line below it (`Deaths` / `[edit]`) heads a section of
        // the page: it is no entry's title.
        let heads_a_section = |t: usize| {
            items
                .get(real[t] + 1)
                .is_some_and(|i| i.kind == Kind::Placeholder && is_edit_link(i.text.raw))
        };
        match title {
            Some(t) if heads_a_section(t) => {
                region_end = t;
                for &i in &real[t..] {
                    out[i] = (Owner::Next, Role::CaptionBefore);
                }
            }
            Some(t) => {
                // Labels of the run before the title stay in the region: the body of the entry above.
                region_end = t;
                out[real[t]] = (Owner::Next, Role::Title);
                for &i in &real[t + 1..] {
                    out[i] = (Owner::Next, Role::CaptionBefore);
                }
            }
            None => {
                let mut q = m;
                while q > 0 && key(q - 1).is_in(ctx.next_known) {
                    q -= 1;
                }
                for &i in &real[q..] {
                    out[i] = (Owner::Next, Role::CaptionBefore);
                }
                region_end = q;
            }
        }
    }

    // 2. Undated entries inside the region: a run of labels followed by sentences of their own (not
    //    captions repeating the next lead), whose first label does not repeat the previous entry.
    let inner = &runs[..runs.partition_point(|&(_, e)| e <= region_end)];
    for (j, &(s, e)) in inner.iter().enumerate() {
        let until = inner.get(j + 1).map_or(region_end, |r| r.0);
        let has_own_sentence = (e..until).any(|q| !key(q).is_in(ctx.next_known));
        // An undated entry's title is short and shares words with its lead; anything else is more likely
        // a paragraph that lost its full stop.
        let title_like = is_title_like(&items[real[s]])
            && (e..until).next().is_some_and(|q| {
                shares_a_word(items[real[s]].text.raw, &[items[real[q]].text.raw])
            });
        // Before the first entry there are no entries without a date: that is the preamble.
        if ctx.prev_is_record && has_own_sentence && title_like && !prev_known.contains(&key(s)) {
            starts.push((s, e));
        }
    }

    // 3. The body of the previous entry, then each undated entry.
    let first_start = starts.first().map_or(region_end, |r| r.0);
    if ctx.prev_is_record {
        body_roles(items, real, 0..first_start, &prev_known, Owner::Prev, out);
    }
    for (k, &(s, e)) in starts.iter().enumerate() {
        let owner = Owner::Undated(k);
        let until = starts.get(k + 1).map_or(region_end, |r| r.0);
        out[real[s]] = (owner, Role::Title);
        for q in s + 1..e {
            out[real[q]] = (owner, Role::CaptionBefore);
        }
        let mut known = vec![key(s)];
        // Sentences repeating the title or each other before the first original one are captions. Counted
        // by hash so a million repeated lines stay linear.
        let hashes: Vec<u64> = (e..until)
            .map(|q| canonical_hash(items[real[q]].text.raw))
            .collect();
        let mut counts: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
        for h in &hashes {
            *counts.entry(*h).or_default() += 1;
        }
        let title_hash = canonical_hash(items[real[s]].text.raw);
        let mut q = e;
        while q < until {
            let h = hashes[q - e];
            if h == title_hash || counts.get(&h).is_some_and(|&c| c > 1) {
                out[real[q]] = (owner, Role::CaptionBefore);
                q += 1;
            } else {
                break;
            }
        }
        if q < until {
            out[real[q]] = (owner, Role::Lead);
            Key::with_first_sentence(items[real[q]].text.raw, &mut known);
            q += 1;
        }
        body_roles(items, real, q..until, &Known::new(&known), owner, out);
    }

    // 4. Placeholders and credits follow the line before them.
    place_skipped(items, out);
}

/// Gives placeholders and credits, which the planners skip, to the entry of the line before them (the
/// entry above, at the start of the segment): placeholders as such, credits as captions where they stand
/// (before the lead, among the body paragraphs, or after them).
fn place_skipped(items: &[Item<'_>], out: &mut [(Owner, Role)]) {
    let n = items.len();
    let mut owner = Owner::Prev;
    let mut role_before = Role::Lead;
    for i in 0..n {
        match items[i].kind {
            Kind::Placeholder => out[i] = (owner, Role::Placeholder),
            Kind::Credit => {
                let later_paragraph = (i + 1..n).any(|j| {
                    !matches!(items[j].kind, Kind::Placeholder | Kind::Credit)
                        && out[j].0 == owner
                        && matches!(out[j].1, Role::Paragraph | Role::Lead)
                });
                let role = match role_before {
                    Role::Title | Role::CaptionBefore => Role::CaptionBefore,
                    _ if later_paragraph => Role::CaptionBody,
                    _ => Role::CaptionAfter,
                };
                out[i] = (owner, role);
            }
            _ => {
                owner = out[i].0;
                role_before = out[i].1;
            }
        }
    }
}

/// What the forward planner knows about the entry the segment follows.
pub struct Forward<'h> {
    /// The entry has no title yet and the page puts titles after its dates: a first label followed by
    /// text is the title.
    pub title_after: bool,
    /// The entry has no lead yet (its date stood alone, or ended a heading): the first line is the lead.
    pub wants_lead: bool,
    /// Several entries may share the entry's date: a title-like label between two blocks of text opens
    /// another one (`15 March 2022` / `Title A` / text / `read more` / `Title B` / text).
    pub shared_dates: bool,
    /// The entry's heading line (its date line): lines repeating it are captions.
    pub heading: Option<&'h str>,
    /// Keys of the next entry's lead and its first sentence: lines right before it that repeat them are
    /// its leading captions.
    pub next_known: &'h [Key<'h>],
    /// The entry's title, captions, lead and its first sentence so far: body lines repeating them at the
    /// end are trailing captions.
    pub prev_known: &'h [Key<'h>],
}

/// Assigns a segment on a page whose titles do not stand before the dated line: everything belongs to
/// the entry above (or to entries sharing its date), in the order title, lead, paragraphs, trailing
/// captions.
pub fn plan_forward(items: &[Item<'_>], fwd: &Forward<'_>, out: &mut Vec<(Owner, Role)>) {
    let n = items.len();
    out.clear();
    out.resize(n, (Owner::Prev, Role::Paragraph));
    let real: Vec<usize> = (0..n)
        .filter(|&i| !matches!(items[i].kind, Kind::Placeholder | Kind::Credit))
        .collect();
    let mut m = real.len();
    while m > 0 && Key::of(items[real[m - 1]].text.raw).is_in(fwd.next_known) {
        m -= 1;
        out[real[m]] = (Owner::Next, Role::CaptionBefore);
    }
    // Block starts: the entry above at 0, then (with shared dates) each title-like label that follows
    // text or furniture and is followed by a sentence.
    let mut starts = vec![0usize];
    if fwd.shared_dates && fwd.title_after {
        for p in 1..m {
            let here = &items[real[p]];
            let after_is_text = p + 1 < m && items[real[p + 1]].kind == Kind::Sentence;
            let before = &items[real[p - 1]];
            let furniture_between =
                (real[p - 1] + 1..real[p]).any(|i| items[i].kind == Kind::Placeholder);
            // A label repeating the entry's title or lead, or a line above it in this stretch, is an
            // image's label (a caption), not another entry's title.
            let key = Key::of(here.text.raw);
            let repeats = key.is_in(fwd.prev_known)
                || real[..p]
                    .iter()
                    .any(|&i| Key::of(items[i].text.raw).same(&key));
            if is_title_like(here)
                && after_is_text
                && !repeats
                && !is_list_item(items[real[p + 1]].text.raw)
                && (before.kind == Kind::Sentence || furniture_between)
                && p >= starts[starts.len() - 1] + 2
            {
                starts.push(p);
            }
        }
    }
    for (k, &s) in starts.iter().enumerate() {
        let until = starts.get(k + 1).copied().unwrap_or(m);
        let owner = if k == 0 {
            Owner::Prev
        } else {
            Owner::Undated(k - 1)
        };
        let mut q = s;
        if k == 0 {
            if let Some(h) = fwd.heading.map(Key::of) {
                while q < until && Key::of(items[real[q]].text.raw).same(&h) {
                    out[real[q]] = (owner, Role::CaptionBefore);
                    q += 1;
                }
            }
        }
        let wants_title = k > 0 || fwd.title_after;
        let wants_lead = k > 0 || fwd.wants_lead;
        // A lone short line after a date standing alone is its title (`1:00 p.m.` / `Lunch with host
        // families`).
        let lone = q + 1 == until && fwd.title_after;
        // A label over list items (`Politiek` / `- De regering …`) names a group of the entry's
        // items, not the entry.
        let over_items = q + 1 < until && is_list_item(items[real[q + 1]].text.raw);
        // A kicker over the title (`Haushalt beschlossen:` / `Huber gratuliert dem Kämmerer`): a caption
        // before it.
        if wants_title
            && q + 2 < until
            && is_kicker(items[real[q]].text.raw)
            && is_title_like(&items[real[q + 1]])
        {
            out[real[q]] = (owner, Role::CaptionBefore);
            q += 1;
        }
        // A remark wholly in brackets (`(calendrier indicatif, sous réserve de modifications)`) is a
        // note on the entry or the list, never a title.
        let remark = |t: &str| t.starts_with('(') && t.ends_with(')');
        let mut titled = false;
        if wants_title
            && q < until
            && is_title_like(&items[real[q]])
            && !remark(items[real[q]].text.raw)
            && (q + 1 < until || lone)
            && !over_items
        {
            out[real[q]] = (owner, Role::Title);
            q += 1;
            titled = true;
            // The title printed again below it (a link, then the article's heading): a caption.
            let title = Key::of(items[real[q - 1]].text.raw);
            while q < until && Key::of(items[real[q]].text.raw).same(&title) {
                out[real[q]] = (owner, Role::CaptionBefore);
                q += 1;
            }
        }
        let mut has_lead = !wants_lead;
        // Under a title, a short label over the text (a category: `Réunions et colloques, Budgets`) is
        // a caption; the text is the lead.
        if wants_lead
            && k == 0
            && titled
            && q + 1 < until
            && items[real[q]].kind == Kind::Label
            && items[real[q + 1]].kind == Kind::Sentence
        {
            out[real[q]] = (owner, Role::CaptionBefore);
            q += 1;
        }
        if wants_lead && q < until {
            out[real[q]] = (owner, Role::Lead);
            q += 1;
            has_lead = true;
        }
        let mut known: Vec<Key<'_>> = (s..q).map(|p| Key::of(items[real[p]].text.raw)).collect();
        if k == 0 {
            known.extend_from_slice(fwd.prev_known);
        }
        let body_start = q;
        for p in body_start..until {
            out[real[p]] = (owner, Role::Paragraph);
        }
        // Trailing captions: labels and repeats of the title or lead at the end.
        let mut after: Option<Key<'_>> = None;
        for p in (body_start..until).rev() {
            let item = &items[real[p]];
            let key = Key::of(item.text.raw);
            let repeats = known.iter().any(|k| k.same(&key)) || after.is_some_and(|a| a.same(&key));
            // A label right after the lead is a caption too when the lead is on the dated line.
            let after_lead = p > body_start || has_lead;
            if (is_title_like(item) && after_lead) || repeats {
                out[real[p]] = (owner, Role::CaptionAfter);
                after = Some(key);
            } else {
                break;
            }
        }
    }
    place_skipped(items, out);
}

/// Marks `body` (positions in `real`) as paragraphs of `owner`, except a final run of captions: labels and
/// lines repeating the entry's known lines or the caption after them.
/// Assigns the lines before a dated line that closes its entry (`Titles::Closing`): they are that
/// entry's title and text, all of them, except on the page's first segment, where the entry is the title
/// and text right above the date and what stands before them is the page's preamble. At the page's end
/// (`end`), the lines after the last date are an entry whose date was cut off.
pub fn plan_closing(items: &[Item<'_>], first: bool, end: bool, out: &mut Vec<(Owner, Role)>) {
    let n = items.len();
    out.clear();
    out.resize(n, (Owner::Prev, Role::Paragraph));
    let owner = if end { Owner::Undated(0) } else { Owner::Next };
    let is_text = |i: usize| !matches!(items[i].kind, Kind::Placeholder | Kind::Credit);
    let mut from = 0;
    if first {
        // Back from the date: its text, up to and with the title above it.
        from = n;
        let mut i = n;
        while i > 0 {
            i -= 1;
            let item = &items[i];
            if !is_text(i) || super::layout::is_date_label(item.text.raw) {
                from = i;
                continue;
            }
            if item.kind == Kind::Sentence {
                from = i;
                continue;
            }
            if is_title_like(item) {
                from = i;
            }
            break;
        }
    }
    let mut title_done = false;
    let mut lead_done = false;
    for i in from..n {
        let item = &items[i];
        out[i] = if !is_text(i) || super::layout::is_date_label(item.text.raw) {
            (owner, Role::Placeholder)
        } else if !title_done && !lead_done && is_title_like(item) {
            title_done = true;
            (owner, Role::Title)
        } else if !lead_done {
            lead_done = true;
            (owner, Role::Lead)
        } else {
            (owner, Role::Paragraph)
        };
    }
    place_skipped(items, out);
}

/// True for a list item line: a bullet (`- `, `• `, `* `) then text.
pub fn is_list_item(s: &str) -> bool {
    list_item_text_start(s).is_some()
}

/// A character that opens a list item: a bullet the tokenizer knows ([`super::date::is_bullet`]) or a
/// dash, but not the arrows and quotes that also set a date off from its text (`3 May 2019 » …`).
pub fn is_list_bullet(c: char) -> bool {
    matches!(c, '-' | '–' | '—') || super::date::is_bullet(c) && !matches!(c, '»' | '>' | '→')
}

/// Where a list item's text starts, after its bullet and the white space after it; `None` for a line
/// that is no list item (or a bullet with no text).
pub fn list_item_text_start(s: &str) -> Option<usize> {
    let bullet = s.chars().next().filter(|&c| is_list_bullet(c))?;
    let after = &s[bullet.len_utf8()..];
    let text = after.trim_start();
    (text.len() < after.len() && !text.is_empty()).then(|| s.len() - text.len())
}

fn body_roles(
    items: &[Item<'_>],
    real: &[usize],
    body: std::ops::Range<usize>,
    known: &Known<'_>,
    owner: Owner,
    out: &mut [(Owner, Role)],
) {
    for q in body.clone() {
        out[real[q]] = (owner, Role::Paragraph);
    }
    let mut after: Option<Key<'_>> = None;
    for q in body.rev() {
        let item = &items[real[q]];
        let k = Key::of(item.text.raw);
        if is_title_like(item) || known.contains(&k) || after.is_some_and(|a| a.same(&k)) {
            out[real[q]] = (owner, Role::CaptionAfter);
            after = Some(k);
        } else {
            break;
        }
    }
}

/// Which labels of the final run of a segment occur again further down the run. Short runs (the usual
/// title and a caption or two) are scanned; long ones are counted once by (signature, canonical hash) —
/// the equality of [`Key::same`] — so 20,000 labels alternating with a repeated caption take milliseconds,
/// not the 24 s a scan per label took.
struct LaterInRun {
    /// Occurrences of each key at positions `next..e`; `None` for a short run.
    counts: Option<FxHashMap<(u32, u64), u32>>,
    next: usize,
}

impl LaterInRun {
    fn new(items: &[Item<'_>], real: &[usize], s: usize, e: usize) -> Self {
        let counts = (e - s > Known::SCAN_MAX).then(|| {
            let mut counts = FxHashMap::default();
            for &i in &real[s..e] {
                *counts.entry(hashed_key(items[i].text.raw)).or_insert(0) += 1;
            }
            counts
        });
        LaterInRun { counts, next: s }
    }

    /// True when the label at `t` occurs again in `t + 1..e`. Calls come with `t` increasing.
    fn repeated_after(&mut self, items: &[Item<'_>], real: &[usize], t: usize, e: usize) -> bool {
        let Some(counts) = &mut self.counts else {
            let label = Key::of(items[real[t]].text.raw);
            return real[t + 1..e]
                .iter()
                .any(|&i| Key::of(items[i].text.raw).same(&label));
        };
        while self.next <= t {
            if let Some(c) = counts.get_mut(&hashed_key(items[real[self.next]].text.raw)) {
                *c = c.saturating_sub(1);
            }
            self.next += 1;
        }
        counts
            .get(&hashed_key(items[real[t]].text.raw))
            .is_some_and(|&c| c > 0)
    }
}

/// The pair [`Key::same`] compares, for hash maps.
fn hashed_key(text: &str) -> (u32, u64) {
    (letter_count(text), canonical_hash(text))
}

/// Where the next entry's head starts in the final run (`s..e`) when blank lines tell it from the entry
/// above's closing captions: a headline glued to its dated line, a blank line above it, and above that
/// labels glued to the entry above's text (`paragraph` / `photo caption` / `photo caption` / blank /
/// `Headline` / `February 6, 2031`). Blank lines are not trusted to separate anything (scrapes lose
/// them), only to join: every line of this shape is set off or glued as the pattern says. Otherwise `s`.
fn after_closing_captions(
    items: &[Item<'_>],
    real: &[usize],
    (s, e): (usize, usize),
    ctx: &Context<'_>,
) -> usize {
    let line = |p: usize| items[real[p]].text.line;
    let text_above = match s {
        0 => ctx.prev_text_line,
        _ => Some(line(s - 1)).filter(|_| items[real[s - 1]].kind == Kind::Sentence),
    };
    let glued_above = text_above.is_some_and(|l| l + 1 == line(s));
    if e - s < 2 || !glued_above || ctx.next_line != Some(line(e - 1) + 1) {
        return s;
    }
    // The last blank line inside the run; the head below it is glued together.
    match (s + 1..e).rev().find(|&p| line(p) > line(p - 1) + 1) {
        Some(p) => p,
        None => s,
    }
}

/// Whether the label at `t` of the final run (ending at `e`) is a trailing caption of the previous entry
/// rather than the next entry's title.
fn label_belongs_to_prev(
    items: &[Item<'_>],
    real: &[usize],
    (run_start, t, e): (usize, usize, usize),
    prev_known: &Known<'_>,
    later: &mut LaterInRun,
    next_lead: &str,
    prev_words: &[&str],
) -> bool {
    // Only when another label could be the title: a lone label is always the next title (two entries in
    // a row may share a title).
    if t + 1 >= e {
        return false;
    }
    let label = items[real[t]].text.raw;
    if prev_known.contains(&Key::of(label)) || !is_title_like(&items[real[t]]) {
        return true;
    }
    // A repeat of the label before it, which went to the entry above, goes there too.
    if t > run_start && Key::of(items[real[t - 1]].text.raw).same(&Key::of(label)) {
        return true;
    }
    // A title shares words with its own lead (and is often repeated by the captions after it); a line
    // before it that does neither belongs to the entry above.
    if later.repeated_after(items, real, t, e) {
        // `X` / `X` / `Y` / lead, where `X` speaks of the entry above and not of the next one: the
        // repeats are the above entry's captions, `Y` the next title.
        let last = items[real[e - 1]].text.raw;
        let ends_with_other = !Key::of(last).same(&Key::of(label));
        if !ends_with_other || label.len() > 200 || last.len() > 200 {
            return false;
        }
        // Clearly more of the entry above than of the next one: a word or two in common with a lead
        // happens by chance (`General`, `Police`).
        // The entry above speaks through its lead and the paragraphs just before the run (a few, so
        // long bodies stay linear).
        let with_next = shared_words(label, &[next_lead]);
        let mut above: Vec<&str> = prev_words.to_vec();
        above.extend(
            real[run_start.saturating_sub(8)..run_start]
                .iter()
                .map(|&i| items[i].text.raw),
        );
        return shared_words(label, &above) > 2 * with_next
            && shared_words(last, &[next_lead]) > with_next;
    }
    let next_label = items[real[t + 1]].text.raw;
    !shares_a_word(label, &[next_lead]) && shares_a_word(next_label, &[next_lead])
}

/// How many distinct content words (four letters or more, not a common word such as `with`, ASCII case
/// ignored) of a short `a` occur in `others`.
fn shared_words(a: &str, others: &[&str]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for w in a
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && !crate::lang::is_common_word(w))
    {
        if seen.iter().any(|s| s.eq_ignore_ascii_case(w)) {
            continue;
        }
        if others.iter().any(|o| {
            o.split(|c: char| !c.is_alphanumeric())
                .any(|x| x.eq_ignore_ascii_case(w))
        }) {
            seen.push(w);
        }
    }
    seen.len()
}

/// True when a content word (four letters or more, ASCII case ignored) of `a` occurs in one of `others`.
/// Allocation-free and stops at the first shared word: it runs on every entry whose title is followed by
/// a caption label. Word against word is quadratic, though: a "label" of 40,000 hyphenated words against a
/// lead of 40,000 words took a minute. Past [`PAIRWISE_MAX`] bytes², the words of the shorter side go
/// into a set and the longer side is read once.
pub(crate) fn shares_a_word(a: &str, others: &[&str]) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 4)
    }
    let others_len: usize = others.iter().map(|o| o.len()).sum();
    if a.len().saturating_mul(others_len) <= PAIRWISE_MAX {
        return words(a).any(|w| {
            others
                .iter()
                .any(|o| words(o).any(|x| x.eq_ignore_ascii_case(w)))
        });
    }
    let a = [a];
    let (small, large): (&[&str], &[&str]) = if a[0].len() <= others_len {
        (&a, others)
    } else {
        (others, &a)
    };
    let set: FxHashSet<String> = small
        .iter()
        .flat_map(|s| words(s))
        .map(str::to_ascii_lowercase)
        .collect();
    large
        .iter()
        .flat_map(|s| words(s))
        .any(|w| set.contains(&w.to_ascii_lowercase()))
}

/// Largest product of the two sides' lengths (bytes) [`shares_a_word`] compares word by word.
const PAIRWISE_MAX: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_a_word_gives_the_same_answer_on_long_inputs() {
        let long_lead = format!("{} Lyon", "word ".repeat(300_000));
        assert!(shares_a_word("Visit to LYON", &[&long_lead]));
        assert!(!shares_a_word("Visit to Paris", &[&long_lead]));
        let long_label = format!("{}-Lyon", "x-".repeat(300_000));
        assert!(shares_a_word(&long_label, &["In lyon.", &long_lead]));
        assert!(!shares_a_word(&long_label, &["In Paris."]));
        // Short words never count, on either path.
        assert!(!shares_a_word(&format!("{long_label}-the"), &["the"]));
    }

    #[test]
    fn known_lines_match_the_same_with_or_without_an_index() {
        let texts: Vec<String> = (0..100)
            .map(|i| format!("Caption\u{a0}number {i}"))
            .collect();
        let keys: Vec<Key<'_>> = texts.iter().map(|t| Key::of(t)).collect();
        let indexed = Known::new(&keys);
        let scanned = Known::new(&keys[..Known::SCAN_MAX]);
        assert!(indexed.index.is_some() && scanned.index.is_none());
        for probe in [
            "Caption number 7",
            "caption number 7",
            "Caption  number 99",
            "Caption number 100",
        ] {
            let k = Key::of(probe);
            assert_eq!(indexed.contains(&k), k.is_in(&keys), "{probe}");
        }
        assert!(scanned.contains(&Key::of("Caption number 7")));
    }

    #[test]
    fn later_in_run_counts_as_the_scan_does() {
        let texts: Vec<String> = (0..100)
            .map(|i| match i % 3 {
                0 => "Chile visit".to_string(),
                1 => format!("Label {}", i % 7),
                _ => format!("Other\u{a0}label {i}"),
            })
            .collect();
        let items: Vec<Item<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Item::new(Text {
                    raw: t,
                    line: i as u32 + 1,
                    start: 0,
                })
            })
            .collect();
        let real: Vec<usize> = (0..items.len()).collect();
        let (s, e) = (3, items.len());
        let mut counted = LaterInRun::new(&items, &real, s, e);
        assert!(counted.counts.is_some());
        // Every other position, as label_belongs_to_prev may skip some.
        for t in (s..e).step_by(2) {
            let mut scan = LaterInRun {
                counts: None,
                next: s,
            };
            assert_eq!(
                counted.repeated_after(&items, &real, t, e),
                scan.repeated_after(&items, &real, t, e),
                "position {t}"
            );
        }
    }

    #[test]
    fn lines_that_break_off_mid_sentence() {
        assert!(breaks_off("Lancé par le communiste Frédéric Joliot-"));
        assert!(breaks_off("La Jordanie naît de la division de la"));
        assert!(breaks_off("The council met the ministers of"));
        assert!(breaks_off("Rome, Paris,"));
        assert!(!breaks_off("Council adopts a new package"));
        assert!(!breaks_off("Visit to the UK"));
        assert!(!breaks_off("Meeting - "));
        assert!(!breaks_off("The"));
    }

    #[test]
    fn classifies_line_shapes() {
        assert_eq!(classify("Commissioner of the RCMP, Canada"), Kind::Label);
        assert_eq!(classify("Portugal visit"), Kind::Label);
        assert_eq!(classify("The visit was a success."), Kind::Sentence);
        assert_eq!(
            classify("“Belgium is a partner,” said the Minister.”"),
            Kind::Sentence
        );
        assert_eq!(classify("/"), Kind::Placeholder);
        assert_eq!(classify("|"), Kind::Placeholder);
        let long = "word ".repeat(MAX_LABEL_WORDS + 1);
        assert_eq!(classify(long.trim()), Kind::Sentence);
        // A credit opens with `Courtesy`; a diplomatic headline with `Courtesy call`.
        assert_eq!(classify("Courtesy of the City Archive"), Kind::Credit);
        assert_eq!(
            classify("Courtesy Harrowgate Ropeworks Trust"),
            Kind::Credit
        );
        assert_eq!(classify("Courtesy Call on the Prime Minister"), Kind::Label);
        assert_eq!(
            classify("Courtesy call by the Mayor of Sundby on Minister Hallberg"),
            Kind::Label
        );
    }

    #[test]
    fn a_byline_ending_with_its_date_is_no_furniture() {
        assert_eq!(classify("Publicado em Notícias"), Kind::Placeholder);
        assert_ne!(
            classify("Publicado em Notícias por em 2 de dezembro de 2031"),
            Kind::Placeholder
        );
    }

    #[test]
    fn a_byline_is_furniture_unless_it_is_the_posts_date() {
        for s in [
            "Posted by Communications Office",
            "Publicado por Ana Lima",
            "Publicado em Notícias",
        ] {
            assert_eq!(classify(s), Kind::Placeholder, "{s}");
        }
        for s in [
            "Publicado em 4 de junho de 2031",
            "Publicado em 04/06/2031 às 12:21",
            "Publicado em junho de 2031",
        ] {
            assert_eq!(classify(s), Kind::Label, "{s}");
        }
    }

    #[test]
    fn links_set_off_by_symbols_are_furniture_whatever_their_words() {
        for s in [
            "+ + + Lesen Sie hier die vollständige Pressemitteilung + + +",
            ">> Read the full statement <<",
            "»» Lire le communiqué complet ««",
        ] {
            assert!(is_furniture(s), "{s}");
            assert_eq!(classify(s), Kind::Placeholder, "{s}");
        }
        // Set off on one side only, or not opening with a word for reading: not a link.
        assert!(!is_furniture(">> Read the full statement"));
        assert!(!is_furniture("*** Council adopts the budget ***"));
    }

    #[test]
    fn an_announcements_fields_are_text_not_labels() {
        for s in [
            "Time: 10h00",
            "Venue: Harbour House",
            "WHERE: State Capitol",
            "Lieu : salle des fêtes",
        ] {
            assert_eq!(classify(s), Kind::Sentence, "{s}");
        }
        // A label with a colon that names no field, and the date's own field, stay labels.
        for s in ["Agenda: week 12", "Date: 12 May 2031", "Harbour news"] {
            assert_eq!(classify(s), Kind::Label, "{s}");
        }
    }

    #[test]
    fn a_weekday_alone_on_its_line_is_furniture() {
        for s in ["Thursday", "giovedì", "Friday,", "Segunda-feira", "MONTAG"] {
            assert_eq!(classify(s), Kind::Placeholder, "{s}");
        }
        // Abbreviations, months and weekdays within words are not.
        for s in ["Mon", "March", "Thursday meeting", "Sundays"] {
            assert_ne!(classify(s), Kind::Placeholder, "{s}");
        }
    }

    #[test]
    fn follow_us_openers_are_the_first_words_of_the_phrases() {
        for phrase in FOLLOW_US {
            let first = phrase.split(' ').next().unwrap_or_default();
            assert!(is_follow_us_opener(first.as_bytes()), "{phrase}");
            // A longer or shorter word is no opener.
            assert!(
                !is_follow_us_opener(format!("{first}s").as_bytes()),
                "{phrase}"
            );
            let shorter = &first[..first.char_indices().last().map_or(0, |(i, _)| i)];
            assert!(!is_follow_us_opener(shorter.as_bytes()), "{phrase}");
        }
        // A later word of a phrase opens none.
        assert!(!is_follow_us_opener(b"us"));
        assert!(!is_follow_us_opener(b""));
    }

    #[test]
    fn reading_times_ad_markers_and_share_links_are_furniture() {
        for s in [
            "4 min read",
            "• 21 min read",
            "12 min de lecture",
            "3 Min. Lesezeit",
            "5 minutos de lectura",
            "2 minuti di lettura",
            "La suite après cette publicité",
            "Advertisement",
            "Compartir esta noticia",
            "Share this article",
            "Follow us on social media",
            "Suivez-nous sur les réseaux sociaux",
            "تابعونا على الشبكات الاجتماعية",
        ] {
            assert!(is_furniture(s), "{s}");
            assert_eq!(classify(s), Kind::Placeholder, "{s}");
        }
        // A number of minutes in a title or a sentence is no reading time.
        for s in [
            "4 minutes to midnight",
            "15 min read-through of the budget",
            "2031 min read",
            "Publicity campaign launched",
            "Follow the river: a new walking trail opens",
        ] {
            assert!(!is_furniture(s), "{s}");
        }
    }

    #[test]
    fn more_links_and_breadcrumbs_are_furniture() {
        for s in [
            "Mehr erfahren »",
            "Lees verder »",
            "Learn more",
            "... Show Full Article",
            "Seguir leyendo",
            "Scopri di più",
            "Continue lendo",
            "Sie befinden sich hier: Startseite > Rathaus & Politik > Historisches > Gemeindechronik",
            "You are here: Home > News > Archive",
            "Home > News > Archive",
            "Page Top",
            "أكمل القراءة »",
            "1 … 4 5 6 … 96",
            "« Precedente 1 2 3 Successivo »",
            "Page 2 of 14",
            "Clique aqui e comente sobre isto",
            "Leave a comment",
            "« Anterior",
            "Older Entries »",
        ] {
            assert_eq!(classify(s), Kind::Placeholder, "{s}");
        }
        // A title with a colon is not a breadcrumb for it, nor a sentence with an arrow in it.
        for s in [
            "Harbour works: a new quay > the old one",
            "Mehr erfahren über die Stadtgeschichte",
        ] {
            assert_ne!(classify(s), Kind::Placeholder, "{s}");
        }
    }

    #[test]
    fn banners_and_breadcrumbs_stand_above_the_title() {
        for s in [
            "Skip to main content",
            "An official website of the State of Norland",
            "Here's how you know",
            "Home > News > News Releases",
            "Startseite › Leben › Veranstaltungen",
            "Você está aqui: Página Inicial > Notícias > 2031 > 05 - Maio",
        ] {
            assert!(is_above_title(s), "{s}");
        }
        for s in [
            "Department of Natural Resources",
            "Council Meetings 2031",
            "Official visits 2018 to 2023",
            "Harbour news > 2031",
        ] {
            assert!(!is_above_title(s), "{s}");
        }
    }

    #[test]
    fn skip_links_are_told_from_menus_and_titles() {
        for link in [
            "Skip to main content",
            "Aller au contenu principal",
            "Zum Inhalt springen",
        ] {
            assert!(is_skip_link(link), "{link}");
        }
        for other in ["Home", "About us", "Content policy of the archive", "News"] {
            assert!(!is_skip_link(other), "{other}");
        }
    }

    #[test]
    fn account_links_stand_above_the_title() {
        for links in [
            "Log in",
            "Log in | Register | Add your organisation",
            "New here? Create an account",
            "Se connecter",
        ] {
            assert!(is_above_title(links), "{links}");
        }
        for links in [
            "[Version française] [Versión en español]",
            "English | Français",
            "Photo of an old wall calendar on the Guildhall stairs",
        ] {
            assert!(is_above_title(links), "{links}");
        }
        for other in [
            "French cooking classes",
            "Log in to the harbour: a history",
            "Register of ships, 1850-1900",
            "Login days at the archive",
        ] {
            assert!(!is_above_title(other), "{other}");
        }
    }
}
#[cfg(test)]
mod related_tests {
    use super::*;
    #[test]
    fn related_links_under_their_kicker_are_furniture() {
        for line in [
            "→ A LIRE AUSSI : Port-Varenne : le nouveau marché central ouvrira ses portes en mai",
            "Te puede interesar: Efemérides del 9 de marzo",
            "Read also: Council sets the new budget",
            "Related: Police Log: March 3-9",
            "Lesen Sie auch:",
            "اقرأ أيضاً: افتتاح المستشفى الجديد",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Read all about the new harbour in our spring issue.",
            "See also the minutes of the March meeting, which record the vote.",
            "Lire aussitôt la lettre du maire",
        ] {
            assert!(!is_related_link(line), "{line}");
        }
    }
}
