//! The one place pagerev touches YAML.
//!
//! - Configuration (`rules/*.yaml`, `pagerev.yaml`, `page.yaml`) is read with [`parse_node`] into a tree
//!   of [`Node`]s built from `saphyr-parser`'s spanned event stream: one parse of the document, and
//!   every node keeps its place (as cargo-deny's `Spanned<T>` does). Validation walks the tree, typed
//!   values are read from it with [`from_node`], and every problem points at the node it is about.
//! - Reviewed state (`snapshots/*.yaml`) and YAML output go through `serde_yaml` ([`from_str`],
//!   [`to_string`], [`to_writer`]). `serde_yaml` is no longer maintained upstream; keeping every use
//!   behind these functions means replacing it touches one file, and no `serde_yaml` type is part of the
//!   API.

use crate::diagnostic::{Location, Position};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Write;

/// A YAML syntax or type error with its 1-based position, when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for YamlError {}

/// A serde_yaml error as a [`YamlError`] (kept private: no serde_yaml type is part of the API).
fn yaml_error(e: serde_yaml::Error) -> YamlError {
    let loc = e.location();
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; the position is reported separately.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError {
        message,
        line: loc.as_ref().map(|l| l.line()),
        column: loc.as_ref().map(|l| l.column()),
    }
}

/// Serializes `value` as a YAML document to `out`. I/O errors come back as they were raised (so a closed
/// pipe can be told apart), serialization errors as `InvalidData`.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> std::io::Result<()> {
    struct Tracking<W> {
        inner: W,
        error: Option<std::io::Error>,
    }
    impl<W: Write> Write for Tracking<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.inner
                .write(buf)
                .inspect_err(|e| self.error = Some(std::io::Error::new(e.kind(), e.to_string())))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }
    let mut w = Tracking {
        inner: out,
        error: None,
    };
    match serde_yaml::to_writer(&mut w, value) {
        Ok(()) => Ok(()),
        Err(e) => Err(w.error.take().unwrap_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, yaml_error(e))
        })),
    }
}

/// Serializes `value` as a YAML string.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(yaml_error)
}

/// Deserializes a YAML document.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(yaml_error)
}

/// The deepest nesting of flow collections (`[…]`, `{…}`) [`check_nesting`] accepts by default: a rule
/// configuration needs three.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Rejects a document whose flow collections nest deeper than `max`, before it is parsed: the YAML
/// parser's bookkeeping is quadratic in that depth (500 KB of `{a:` took 42 s). Block nesting is
/// bounded by the parser itself, in linear time. A light scan: quoted scalars and comments are skipped,
/// and outside a flow collection only a bracket that starts a value opens one.
pub fn check_nesting(text: &str, max: usize) -> Result<(), YamlError> {
    #[derive(PartialEq)]
    enum In {
        Plain,
        Single,
        Double,
        Comment,
    }
    let mut state = In::Plain;
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut prev = '\n';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        let starts_token = prev.is_whitespace() || matches!(prev, '[' | '{' | ',');
        match state {
            In::Comment if c == '\n' => state = In::Plain,
            In::Comment => {}
            In::Single if c == '\'' => state = In::Plain,
            In::Double if c == '\\' => {
                chars.next();
                column += 1;
            }
            In::Double if c == '"' => state = In::Plain,
            In::Single | In::Double => {}
            In::Plain => match c {
                '#' if prev.is_whitespace() => state = In::Comment,
                '\'' if starts_token => state = In::Single,
                '"' if starts_token => state = In::Double,
                '[' | '{' if depth > 0 || starts_token => {
                    depth += 1;
                    if depth > max {
                        return Err(YamlError {
                            message: format!(
                                "collections nested more than {max} deep; a configuration needs a few levels"
                            ),
                            line: Some(line),
                            column: Some(column),
                        });
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                _ => {}
            },
        }
        if c == '\n' {
            line += 1;
            column = 0;
        }
        prev = c;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Configuration documents: one parse, every node with its place.
//
// `rules/*.yaml`, `pagerev.yaml` and `page.yaml` are read into a tree of [`Node`]s built from the spanned
// event stream of `saphyr-parser` (one parse of the document; each event carries its start and end), as
// cargo-deny's `Spanned<T>` keeps the place of every value. Validation walks the tree, and typed values
// (a rule's parameters, a page profile) are deserialized from it with [`from_node`], whose errors carry the
// place of the node that failed: no second parse, no searching the text, no reading positions out of
// messages. Plain scalars resolve as serde_yaml resolves them (YAML 1.2 core schema: `yes` is a string),
// so files read the same as before.
// ---------------------------------------------------------------------------------------------------------

/// The deepest nesting of collections a configuration document may have.
pub const MAX_DEPTH: usize = 128;

/// The most nodes a document may hold once its aliases are expanded: enough for any configuration, and a
/// stop to "billion laughs" documents whose aliases multiply.
const MAX_NODES: usize = 1 << 20;

/// A node of a configuration document, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    location: Location,
    value: NodeValue,
}

#[derive(Debug, Clone, PartialEq)]
enum NodeValue {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A scalar as written: its text, whether it was plain (unquoted: `3` and `true` are then a number and a
/// boolean), and its tag, if any.
#[derive(Debug, Clone, PartialEq)]
struct Scalar {
    text: String,
    plain: bool,
    tag: Option<CoreTag>,
}

/// The tags that change what a scalar is; any other tag (`!custom`) leaves it as if untagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CoreTag {
    Str,
    Bool,
    Int,
    Float,
    Null,
    Other,
}

/// What a scalar is, resolved as serde_yaml resolves it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Resolved<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    /// An integer beyond 64 bits.
    Big,
    Float(f64),
    Str(&'a str),
}

impl Scalar {
    fn resolve(&self) -> Resolved<'_> {
        let v = self.text.as_str();
        let untagged = match self.tag {
            None | Some(CoreTag::Other) => self.plain,
            Some(_) => false,
        };
        let null_tag = matches!(self.tag, Some(CoreTag::Null));
        if (untagged || null_tag) && (v.is_empty() && self.plain || parse_null(v)) {
            return Resolved::Null;
        }
        if untagged || matches!(self.tag, Some(CoreTag::Bool)) {
            if let Some(b) = parse_bool(v) {
                return Resolved::Bool(b);
            }
        }
        if untagged || matches!(self.tag, Some(CoreTag::Int)) {
            if let Some(u) = parse_unsigned_int(v, u64::from_str_radix) {
                return Resolved::Unsigned(u);
            }
            if let Some(i) = parse_negative_int(v, i64::from_str_radix) {
                return Resolved::Signed(i);
            }
            if parse_unsigned_int(v, u128::from_str_radix).is_some()
                || parse_negative_int(v, i128::from_str_radix).is_some()
            {
                return Resolved::Big;
            }
        }
        if untagged && !digits_but_not_number(v) || matches!(self.tag, Some(CoreTag::Float)) {
            if let Some(f) = parse_f64(v) {
                return Resolved::Float(f);
            }
        }
        Resolved::Str(v)
    }

    /// Whether the scalar may be read as `tag`'s type: plain, or tagged so.
    fn reads_as(&self, tag: CoreTag) -> bool {
        match self.tag {
            None | Some(CoreTag::Other) => self.plain,
            Some(t) => t == tag,
        }
    }

    /// What serde's messages call this scalar (`string "maybe"`, `integer `3``).
    fn unexpected(&self) -> serde::de::Unexpected<'_> {
        use serde::de::Unexpected;
        match self.resolve() {
            Resolved::Null => Unexpected::Unit,
            Resolved::Bool(b) => Unexpected::Bool(b),
            Resolved::Unsigned(u) => Unexpected::Unsigned(u),
            Resolved::Signed(i) => Unexpected::Signed(i),
            Resolved::Big => Unexpected::Other("integer"),
            Resolved::Float(f) => Unexpected::Float(f),
            Resolved::Str(s) => Unexpected::Str(s),
        }
    }
}

impl Node {
    /// Where the node stands in its document.
    pub fn location(&self) -> Location {
        self.location
    }

    /// The node's kind as messages name it: `nothing`, `a boolean`, `a number`, `a string`, `a list`,
    /// `a mapping`.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            NodeValue::Seq(_) => "a list",
            NodeValue::Map(_) => "a mapping",
            NodeValue::Scalar(s) => match s.resolve() {
                Resolved::Null => "nothing",
                Resolved::Bool(_) => "a boolean",
                Resolved::Unsigned(_)
                | Resolved::Signed(_)
                | Resolved::Big
                | Resolved::Float(_) => "a number",
                Resolved::Str(_) => "a string",
            },
        }
    }

    /// True for an empty node, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, NodeValue::Scalar(s) if s.resolve() == Resolved::Null)
    }

    /// The text of a scalar that is a string (quoted, or plain and neither null, a boolean nor a number).
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar(s) => match s.resolve() {
                Resolved::Str(v) => Some(v),
                _ => None,
            },
            _ => None,
        }
    }

    /// The entries of a mapping, in document order.
    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            NodeValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence, in document order.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the key `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// A mapping without the entries whose key `drop` refuses (any other node as it is).
    pub fn retain_keys(&self, keep: impl Fn(&str) -> bool) -> Node {
        match &self.value {
            NodeValue::Map(entries) => Node {
                location: self.location,
                value: NodeValue::Map(
                    entries
                        .iter()
                        .filter(|(k, _)| k.as_str().is_none_or(&keep))
                        .cloned()
                        .collect(),
                ),
            },
            _ => self.clone(),
        }
    }

    fn count(&self) -> usize {
        match &self.value {
            NodeValue::Scalar(_) => 1,
            NodeValue::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            NodeValue::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.count() + v.count())
                    .sum::<usize>()
            }
        }
    }
}

/// A problem in a configuration document: what is wrong, where, and (for a value of the wrong type) the
/// path to it from the value deserialized (`profile.lang`).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub location: Location,
    /// The path to the node from the value deserialized, as serde_yaml writes it (`profile.months.x`,
    /// `rules[0]`); empty at the top.
    pub path: String,
}

impl std::fmt::Display for NodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for NodeError {}

/// Turns saphyr's character indices into positions with byte offsets.
struct Positions<'t> {
    text: &'t str,
    /// Byte offset of each character (and of the end), for text that is not ASCII.
    bytes: Option<Vec<u32>>,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i as u32)
                .chain(std::iter::once(text.len() as u32))
                .collect()
        });
        Positions { text, bytes }
    }

    fn at(&self, m: &saphyr_parser::Marker) -> Position {
        let byte = match &self.bytes {
            None => m.index().min(self.text.len()),
            Some(b) => b.get(m.index()).map_or(self.text.len(), |&b| b as usize),
        };
        Position {
            line: u32::try_from(m.line().max(1)).unwrap_or(u32::MAX),
            column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
            byte: u32::try_from(byte).unwrap_or(u32::MAX),
        }
    }

    fn span(&self, s: &saphyr_parser::Span) -> Location {
        Location {
            start: self.at(&s.start),
            end: self.at(&s.end),
        }
    }
}

/// A collection being read.
enum Open {
    Seq {
        start: Location,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Location,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

/// The position of the 1-based `line` and `column` (in characters) of `text`, with its byte offset.
pub fn position_in(text: &str, line: usize, column: usize) -> Position {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let byte = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i);
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        byte: u32::try_from(byte).unwrap_or(u32::MAX),
    }
}

/// Parses a configuration document into its tree: one parse, with [`check_nesting`] first. A document
/// with no content is a null node at 1:1. Syntax errors, more than one document, duplicate keys, nesting
/// deeper than [`MAX_DEPTH`] and aliases expanding past a million nodes are errors at their place.
pub fn parse_node(text: &str) -> Result<Node, NodeError> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    let positions = Positions::new(text);
    let start = Position {
        line: 1,
        column: 1,
        byte: 0,
    };
    let error = |message: String, location: Location| NodeError {
        message,
        location,
        path: String::new(),
    };
    if let Err(e) = check_nesting(text, MAX_FLOW_DEPTH) {
        let at = position_in(text, e.line.unwrap_or(1), e.column.unwrap_or(1));
        return Err(error(e.message, Location { start: at, end: at }));
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = std::collections::HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let at = positions.at(e.marker());
            error(e.info().to_string(), Location { start: at, end: at })
        })?;
        let here = positions.span(&span);
        let done: Option<(Node, usize)> = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(error(
                        "deserializing from YAML containing more than one document is not supported"
                            .into(),
                        here,
                    ));
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                let tag = tag.map(|t| match (t.is_yaml_core_schema(), t.suffix.as_str()) {
                    (true, "str") => CoreTag::Str,
                    (true, "bool") => CoreTag::Bool,
                    (true, "int") => CoreTag::Int,
                    (true, "float") => CoreTag::Float,
                    (true, "null") => CoreTag::Null,
                    _ => CoreTag::Other,
                });
                let scalar = Scalar {
                    text: value.into_owned(),
                    plain: style == ScalarStyle::Plain,
                    tag,
                };
                Some((
                    Node {
                        location: here,
                        value: NodeValue::Scalar(scalar),
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(error("unknown anchor".into(), here));
                };
                nodes += target.count();
                if nodes > MAX_NODES {
                    return Err(error("repetition limit exceeded".into(), here));
                }
                // The alias's own place: that is where a problem with its value is best shown.
                let mut node = target.clone();
                node.location = here;
                Some((node, 0))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error("recursion limit exceeded".into(), here));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq {
                        start: here,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Open::Map {
                        start: here,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq {
                    start,
                    anchor,
                    items,
                }) => Some((
                    Node {
                        location: Location {
                            start: start.start,
                            end: here.end,
                        },
                        value: NodeValue::Seq(items),
                    },
                    anchor,
                )),
                Some(Open::Map {
                    start,
                    anchor,
                    entries,
                    ..
                }) => Some((
                    Node {
                        location: Location {
                            start: start.start,
                            end: here.end,
                        },
                        value: NodeValue::Map(entries),
                    },
                    anchor,
                )),
                None => None,
            },
            _ => None,
        };
        let Some((node, anchor)) = done else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(error("repetition limit exceeded".into(), node.location));
        }
        if anchor > 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let NodeValue::Scalar(ks) = &k.value {
                        let duplicate = entries.iter().any(|(other, _)| {
                            matches!(&other.value, NodeValue::Scalar(os) if os.text == ks.text)
                        });
                        if duplicate {
                            return Err(error(
                                format!("duplicate entry with key \"{}\"", ks.text),
                                k.location,
                            ));
                        }
                    }
                    entries.push((k, node));
                }
            },
        }
    }
    Ok(root.unwrap_or(Node {
        location: Location { start, end: start },
        value: NodeValue::Scalar(Scalar {
            text: String::new(),
            plain: true,
            tag: None,
        }),
    }))
}

/// Deserializes `node` as `T`. An error carries the place of the node that failed (a value of the wrong
/// type, an unknown key, a custom error a type raises while reading a node) and the path to it from
/// `node`; reading a string from a plain scalar (`code: 3`) gives its text, as serde_yaml does.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, NodeError> {
    T::deserialize(NodeDe {
        node,
        path: String::new(),
    })
    .map_err(|e| e.finish(node.location))
}

/// An error while deserializing, placed by the innermost node that saw it.
#[derive(Debug)]
struct DeError {
    message: String,
    at: Option<(Location, String)>,
}

impl DeError {
    fn at(mut self, location: Location, path: &str) -> DeError {
        if self.at.is_none() {
            self.at = Some((location, path.to_string()));
        }
        self
    }

    fn finish(self, fallback: Location) -> NodeError {
        let (location, path) = self.at.unwrap_or((fallback, String::new()));
        NodeError {
            message: self.message,
            location,
            path,
        }
    }
}

impl std::fmt::Display for DeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl serde::de::Error for DeError {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        DeError {
            message: message.to_string(),
            at: None,
        }
    }
}

/// Deserializes one node; `path` is where it stands from the top (`profile.lang`, empty at the top).
struct NodeDe<'n> {
    node: &'n Node,
    path: String,
}

impl<'n> NodeDe<'n> {
    fn child(&self, node: &'n Node, step: std::fmt::Arguments<'_>) -> NodeDe<'n> {
        NodeDe {
            node,
            path: format!("{}{step}", self.path),
        }
    }

    fn invalid_type(&self, exp: &dyn serde::de::Expected) -> DeError {
        use serde::de::{Error, Unexpected};
        match &self.node.value {
            NodeValue::Scalar(s) => DeError::invalid_type(s.unexpected(), exp),
            NodeValue::Seq(_) => DeError::invalid_type(Unexpected::Seq, exp),
            NodeValue::Map(_) => DeError::invalid_type(Unexpected::Map, exp),
        }
    }

    fn placed<T>(&self, result: Result<T, DeError>) -> Result<T, DeError> {
        result.map_err(|e| e.at(self.node.location, &self.path))
    }

    fn scalar(&self) -> Option<&'n Scalar> {
        match &self.node.value {
            NodeValue::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// A plain empty scalar (or nothing) where a collection is wanted reads as an empty one.
    fn is_empty_plain(&self) -> bool {
        self.scalar().is_some_and(|s| s.plain && s.text.is_empty())
    }
}

struct Seq<'n> {
    de: &'n NodeDe<'n>,
    items: std::slice::Iter<'n, Node>,
    index: usize,
}

impl<'de, 'n> serde::de::SeqAccess<'de> for Seq<'n> {
    type Error = DeError;
    fn next_element_seed<S: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(self.de.child(item, format_args!("[{index}]")))
            .map(Some)
    }
}

struct Map<'n> {
    de: &'n NodeDe<'n>,
    entries: std::slice::Iter<'n, (Node, Node)>,
    value: Option<&'n (Node, Node)>,
}

impl<'de, 'n> serde::de::MapAccess<'de> for Map<'n> {
    type Error = DeError;
    fn next_key_seed<S: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        // A key is placed at itself, with the path of its mapping (as serde_yaml reports unknown fields).
        let key = NodeDe {
            node: &entry.0,
            path: self.de.path.clone(),
        };
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<S: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, DeError> {
        let Some((key, value)) = self.value.take() else {
            return Err(serde::de::Error::custom("value without a key"));
        };
        let dot = if self.de.path.is_empty() { "" } else { "." };
        let step = match key.as_str() {
            Some(k) => format!("{dot}{k}"),
            None => format!("{dot}?"),
        };
        seed.deserialize(self.de.child(value, format_args!("{step}")))
    }
}

/// A unit variant named by a scalar (`severity: error`).
struct Variant<'n> {
    de: NodeDe<'n>,
}

impl<'de, 'n> serde::de::EnumAccess<'de> for Variant<'n> {
    type Error = DeError;
    type Variant = Self;
    fn variant_seed<S: serde::de::DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self), DeError> {
        let name = NodeDe {
            node: self.de.node,
            path: self.de.path.clone(),
        };
        let v = seed.deserialize(name)?;
        Ok((v, self))
    }
}

impl<'de, 'n> serde::de::VariantAccess<'de> for Variant<'n> {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }
    fn newtype_variant_seed<S: serde::de::DeserializeSeed<'de>>(
        self,
        _seed: S,
    ) -> Result<S::Value, DeError> {
        Err(serde::de::Error::invalid_type(
            serde::de::Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }
    fn tuple_variant<V: serde::de::Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        Err(serde::de::Error::invalid_type(
            serde::de::Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }
    fn struct_variant<V: serde::de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        Err(serde::de::Error::invalid_type(
            serde::de::Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

macro_rules! forward_int {
    ($($method:ident => $target:ident),*) => {
        $(fn $method<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.$target(visitor)
        })*
    };
}

impl<'de, 'n> serde::Deserializer<'de> for NodeDe<'n> {
    type Error = DeError;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            NodeValue::Scalar(s) => match s.resolve() {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Unsigned(u) => visitor.visit_u64(u),
                Resolved::Signed(i) => visitor.visit_i64(i),
                Resolved::Big => match parse_unsigned_int(&s.text, u128::from_str_radix) {
                    Some(u) => visitor.visit_u128(u),
                    None => match parse_negative_int(&s.text, i128::from_str_radix) {
                        Some(i) => visitor.visit_i128(i),
                        None => visitor.visit_str(&s.text),
                    },
                },
                Resolved::Float(f) => visitor.visit_f64(f),
                Resolved::Str(v) => visitor.visit_str(v),
            },
            NodeValue::Seq(items) => visitor.visit_seq(Seq {
                de: &self,
                items: items.iter(),
                index: 0,
            }),
            NodeValue::Map(entries) => visitor.visit_map(Map {
                de: &self,
                entries: entries.iter(),
                value: None,
            }),
        };
        self.placed(result)
    }

    fn deserialize_bool<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) if s.reads_as(CoreTag::Bool) => match parse_bool(&s.text) {
                Some(b) => visitor.visit_bool(b),
                None => Err(self.invalid_type(&visitor)),
            },
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    forward_int!(deserialize_i8 => deserialize_i64, deserialize_i16 => deserialize_i64,
        deserialize_i32 => deserialize_i64, deserialize_u8 => deserialize_u64,
        deserialize_u16 => deserialize_u64, deserialize_u32 => deserialize_u64,
        deserialize_f32 => deserialize_f64);

    fn deserialize_i64<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) if s.reads_as(CoreTag::Int) => {
                match parse_signed_int(&s.text, i64::from_str_radix) {
                    Some(i) => visitor.visit_i64(i),
                    None => Err(self.invalid_type(&visitor)),
                }
            }
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_i128<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) if s.reads_as(CoreTag::Int) => {
                match parse_signed_int(&s.text, i128::from_str_radix) {
                    Some(i) => visitor.visit_i128(i),
                    None => Err(self.invalid_type(&visitor)),
                }
            }
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_u64<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) if s.reads_as(CoreTag::Int) => {
                match parse_unsigned_int(&s.text, u64::from_str_radix) {
                    Some(u) => visitor.visit_u64(u),
                    None => Err(self.invalid_type(&visitor)),
                }
            }
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_u128<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) if s.reads_as(CoreTag::Int) => {
                match parse_unsigned_int(&s.text, u128::from_str_radix) {
                    Some(u) => visitor.visit_u128(u),
                    None => Err(self.invalid_type(&visitor)),
                }
            }
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_f64<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) if s.reads_as(CoreTag::Float) => match parse_f64(&s.text) {
                Some(f) => visitor.visit_f64(f),
                None => Err(self.invalid_type(&visitor)),
            },
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_char<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s) => visitor.visit_str(&s.text),
            None => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_string<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        let e = serde::de::Error::custom(
            "serialization and deserialization of bytes in YAML is not implemented",
        );
        self.placed(Err(e))
    }

    fn deserialize_byte_buf<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(v)
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let none = self.scalar().is_some_and(|s| {
            s.reads_as(CoreTag::Null) && (s.plain && s.text.is_empty() || parse_null(&s.text))
        });
        if none {
            let result = visitor.visit_none();
            self.placed(result)
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.scalar() {
            Some(s)
                if s.reads_as(CoreTag::Null)
                    && (s.plain && s.text.is_empty() || parse_null(&s.text)) =>
            {
                visitor.visit_unit()
            }
            Some(s) => Err(serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&s.text),
                &"null",
            )),
            None => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_unit_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (location, path) = (self.node.location, self.path.clone());
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| e.at(location, &path))
    }

    fn deserialize_seq<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            NodeValue::Seq(items) => visitor.visit_seq(Seq {
                de: &self,
                items: items.iter(),
                index: 0,
            }),
            _ if self.is_empty_plain() => visitor.visit_seq(Seq {
                de: &self,
                items: [].iter(),
                index: 0,
            }),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_tuple<V: serde::de::Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            NodeValue::Map(entries) => visitor.visit_map(Map {
                de: &self,
                entries: entries.iter(),
                value: None,
            }),
            _ if self.is_empty_plain() => visitor.visit_map(Map {
                de: &self,
                entries: [].iter(),
                value: None,
            }),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.placed(result)
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (location, path) = (self.node.location, self.path.clone());
        let result = match &self.node.value {
            NodeValue::Scalar(_) => visitor.visit_enum(Variant { de: self }),
            NodeValue::Seq(_) => Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Seq,
                &"a YAML tag starting with '!'",
            )),
            NodeValue::Map(_) => Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Map,
                &"a YAML tag starting with '!'",
            )),
        };
        result.map_err(|e| e.at(location, &path))
    }

    fn deserialize_identifier<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = visitor.visit_unit();
        self.placed(result)
    }
}

// Scalar resolution, as serde_yaml 0.9 does it (YAML 1.2 core schema).

fn parse_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type Radix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

/// The radixes of prefixed integers.
const PREFIXES: [(&str, u32); 3] = [("0x", 16), ("0o", 8), ("0b", 2)];

fn parse_unsigned_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    for (prefix, radix) in PREFIXES {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    for (prefix, radix) in PREFIXES {
        if let Some(rest) = v.strip_prefix('-').and_then(|r| r.strip_prefix(prefix)) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(v, 10).ok()
}

fn parse_signed_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    for (prefix, radix) in PREFIXES {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
        if let Some(rest) = v.strip_prefix('-').and_then(|r| r.strip_prefix(prefix)) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_f64(v: &str) -> Option<f64> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    match unpositive {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match v {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros followed by digits: a string in YAML 1.2 (`012`).
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "rules:\n  - code: PR001\n    enabled: yes\n  - code: PR002\n    params:\n      order: up\n";

    fn at(node: &Node) -> (u32, u32) {
        (node.location().start.line, node.location().start.column)
    }

    #[test]
    fn every_node_keeps_its_place_from_one_parse() {
        let root = parse_node(DOC).unwrap();
        let rules = root.get("rules").unwrap().items().unwrap();
        assert_eq!(at(rules[1].get("code").unwrap()), (4, 11));
        assert_eq!(at(&rules[1]), (4, 5));
        let params = rules[1].get("params").unwrap().entries().unwrap();
        assert_eq!(at(&params[0].0), (6, 7));
        assert_eq!(
            rules[1]
                .get("params")
                .unwrap()
                .get("order")
                .unwrap()
                .as_str(),
            Some("up")
        );
        assert_eq!(rules.len(), 2);
        // Byte offsets count bytes, columns characters.
        let accented = parse_node("a: é\nb: x\n").unwrap();
        let b = accented.get("b").unwrap().location().start;
        assert_eq!((b.line, b.column, b.byte), (2, 4, 9));
    }

    #[test]
    fn scalars_resolve_as_serde_yaml_resolves_them() {
        let root = parse_node("a: yes\nb: 3\nc: '3'\nd: ~\ne: true\nf: 012\ng: 0x1F\nh: 1.5\ni:\n")
            .unwrap();
        let kinds: Vec<&str> = root
            .entries()
            .unwrap()
            .iter()
            .map(|(_, v)| v.kind())
            .collect();
        assert_eq!(
            kinds,
            [
                "a string",
                "a number",
                "a string",
                "nothing",
                "a boolean",
                "a string",
                "a number",
                "a number",
                "nothing"
            ]
        );
        assert_eq!(from_node::<u32>(root.get("g").unwrap()), Ok(31));
        // A string may be read from any scalar, as serde_yaml reads one.
        assert_eq!(from_node::<String>(root.get("b").unwrap()).unwrap(), "3");
    }

    #[test]
    fn typed_errors_carry_the_node_place_and_path() {
        let root = parse_node(DOC).unwrap();
        let e = from_node::<bool>(
            root.get("rules").unwrap().items().unwrap()[0]
                .get("enabled")
                .unwrap(),
        )
        .unwrap_err();
        assert_eq!((e.location.start.line, e.location.start.column), (3, 14));
        assert_eq!(
            e.message,
            "invalid type: string \"yes\", expected a boolean"
        );
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct P {
            lang: Option<String>,
            months: Option<std::collections::BTreeMap<String, u8>>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            profile: P,
        }
        let e =
            from_node::<Doc>(&parse_node("profile:\n  months:\n    x: -1\n").unwrap()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "profile.months.x: invalid type: integer `-1`, expected u8"
        );
        assert_eq!((e.location.start.line, e.location.start.column), (3, 8));
        let e = from_node::<Doc>(&parse_node("profile:\n  lang: fr\n  title: x\n").unwrap())
            .unwrap_err();
        assert!(
            e.to_string().starts_with("profile: unknown field `title`"),
            "{e}"
        );
        assert_eq!((e.location.start.line, e.location.start.column), (3, 3));
        let e = from_node::<Doc>(&parse_node("other: 1\n").unwrap()).unwrap_err();
        assert_eq!(e.to_string(), "unknown field `other`, expected `profile`");
    }

    #[test]
    fn documents_that_cannot_be_configuration_are_errors_at_their_place() {
        let e = parse_node("rules: [\n").unwrap_err();
        assert_eq!(e.location.start.line, 2);
        let e = parse_node("a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.message, "duplicate entry with key \"a\"");
        assert_eq!(e.location.start.line, 2);
        let e = parse_node("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(
            e.message.contains("more than one document"),
            "{}",
            e.message
        );
        let deep: String = (0..200)
            .map(|i| format!("{}a{i}:\n", "  ".repeat(i)))
            .collect();
        assert_eq!(
            parse_node(&deep).unwrap_err().message,
            "recursion limit exceeded"
        );
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                      g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        assert_eq!(
            parse_node(laughs).unwrap_err().message,
            "repetition limit exceeded"
        );
        assert!(parse_node("").unwrap().is_null());
        assert!(parse_node("# only a comment\n").unwrap().is_null());
    }

    #[test]
    fn an_alias_is_placed_where_it_is_used() {
        let root = parse_node("x: &a {code: PR001}\nrules:\n  - *a\n").unwrap();
        let item = &root.get("rules").unwrap().items().unwrap()[0];
        assert_eq!(at(item), (3, 5));
        assert_eq!(item.get("code").unwrap().as_str(), Some("PR001"));
    }

    #[test]
    fn deep_flow_nesting_is_rejected_at_its_position_and_quotes_are_skipped() {
        let deep = format!("a: {}1{}\n", "{b: ".repeat(40), "}".repeat(40));
        let e = check_nesting(&deep, 32).unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(4 + 4 * 32)));
        assert!(check_nesting(&deep, 40).is_ok());
        let quoted = format!(
            "a: '{}'\nb: \"{}\"\nc: x[[[ # {}\n",
            "[".repeat(99),
            "{".repeat(99),
            "[".repeat(99)
        );
        assert!(check_nesting(&quoted, 2).is_ok());
        assert!(check_nesting(
            "rules:\n  - {code: PR005, params: {allow: ['^a', \"[b]\"]}}\n",
            3
        )
        .is_ok());
        assert_eq!(
            parse_node(&deep).unwrap_err().location.start.column,
            4 + 4 * 32
        );
    }
}
