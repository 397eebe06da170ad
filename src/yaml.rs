//! The one place pagerev touches YAML. `serde_yaml` is no longer maintained upstream; keeping every use
//! behind these functions means replacing it (with `serde_yml`, `serde_norway` or `saphyr`) touches one
//! file.

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

/// A parsed YAML document as a generic value tree (for config validation that needs every problem).
pub(crate) type Value = serde_yaml::Value;

/// Deserializes a node of a parsed document. Errors carry no position: on an error, deserialize again
/// with [`from_str_at`] to find where it is (only then, so that checking a valid file costs one parse).
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, YamlError> {
    serde_yaml::from_value(value.clone()).map_err(yaml_error)
}

/// Something a typed value can be read from: a node of a parsed tree ([`Value`], fast, no positions) or
/// a path into a document's text ([`At`], one parse, errors positioned).
pub(crate) trait Source {
    /// Reads the value as `T`.
    fn get<T: DeserializeOwned>(&self) -> Result<T, YamlError>;
}

impl Source for Value {
    fn get<T: DeserializeOwned>(&self) -> Result<T, YamlError> {
        from_value(self)
    }
}

/// The node at `path` of the document `text`.
pub(crate) struct At<'a> {
    /// The document.
    pub text: &'a str,
    /// The path to the node.
    pub path: &'a [Seg],
}

impl Source for At<'_> {
    fn get<T: DeserializeOwned>(&self) -> Result<T, YamlError> {
        from_str_at(self.text, self.path)
    }
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

/// One step of a path into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

impl std::fmt::Display for Seg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seg::Key(k) => write!(f, ".{k}"),
            Seg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

// Positions: `serde_yaml::Value` forgets where its nodes stood, but every error raised while a node is being
// deserialized is stamped with that node's line and column. So to deserialize (or merely locate) the node
// at a path, walk the document with a seed that skips everything off the path and does its work at the
// target node: any error it raises there, including the deliberate "found it" below, carries the exact
// position. Config files are small, so one parse per lookup costs nothing, and positions are never guessed
// by searching the text.

/// The message of the deliberate error that reports a node's position.
const FOUND: &str = "\u{1}pagerev: located";
/// The message raised when the path leads nowhere.
const MISSING: &str = "\u{1}pagerev: no such path";

/// Deserializes the node at `path` of the YAML document `text` as `T`. Type errors, unknown fields and
/// custom errors raised by `T` carry the 1-based line and column of the offending node.
pub(crate) fn from_str_at<T: DeserializeOwned>(text: &str, path: &[Seg]) -> Result<T, YamlError> {
    use serde::de::DeserializeSeed;
    let de = serde_yaml::Deserializer::from_str(text);
    let seed = Walk::<T> {
        path,
        key: None,
        marker: std::marker::PhantomData,
    };
    seed.deserialize(de).map_err(yaml_error)
}

/// The 1-based (line, column) of the value at `path`, or `None` when the path does not exist.
pub(crate) fn position_of(text: &str, path: &[Seg]) -> Option<(usize, usize)> {
    located(from_str_at::<Locate>(text, path).err()?)
}

/// The 1-based (line, column) of the key `key` of the mapping at `path` (where an unknown key is best
/// reported), or `None` when there is no such key.
pub(crate) fn key_position_of(text: &str, path: &[Seg], key: &str) -> Option<(usize, usize)> {
    use serde::de::DeserializeSeed;
    let de = serde_yaml::Deserializer::from_str(text);
    let seed = Walk::<serde::de::IgnoredAny> {
        path,
        key: Some(key),
        marker: std::marker::PhantomData,
    };
    located(seed.deserialize(de).err().map(yaml_error)?)
}

fn located(e: YamlError) -> Option<(usize, usize)> {
    if e.message.ends_with(FOUND) {
        Some((e.line?, e.column?))
    } else {
        None
    }
}

/// Fails on whatever node it is asked to read, so the error carries that node's position.
struct Locate;

impl<'de> serde::Deserialize<'de> for Locate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Locate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any node")
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Locate, E> {
                Err(E::custom(FOUND))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Locate, A::Error> {
                Err(serde::de::Error::custom(FOUND))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Locate, A::Error> {
                Err(serde::de::Error::custom(FOUND))
            }
            fn visit_enum<A: serde::de::EnumAccess<'de>>(self, _: A) -> Result<Locate, A::Error> {
                Err(serde::de::Error::custom(FOUND))
            }
        }
        d.deserialize_any(V)
    }
}

/// Walks to the node at `path` and deserializes it as `T`; with `key`, stops instead at that key of the
/// mapping at `path`, failing there with [`FOUND`].
struct Walk<'p, T> {
    path: &'p [Seg],
    key: Option<&'p str>,
    marker: std::marker::PhantomData<T>,
}

impl<'de, T: DeserializeOwned> serde::de::DeserializeSeed<'de> for Walk<'_, T> {
    type Value = T;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        if self.path.is_empty() && self.key.is_none() {
            return T::deserialize(d);
        }
        d.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> serde::de::Visitor<'de> for Walk<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a mapping or a sequence")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        use serde::de::Error;
        let (want, rest) = match (self.path.split_first(), self.key) {
            (Some((Seg::Key(k), rest)), _) => (k.as_str(), Some(rest)),
            (None, Some(k)) => (k, None),
            _ => return Err(A::Error::custom(MISSING)),
        };
        let mut found = None;
        while let Some(k) = map.next_key_seed(KeySeed {
            want,
            stop_here: rest.is_none(),
        })? {
            match (k, rest) {
                (true, Some(rest)) if found.is_none() => {
                    found = Some(map.next_value_seed(Walk::<T> {
                        path: rest,
                        key: self.key,
                        marker: std::marker::PhantomData,
                    })?);
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        found.ok_or_else(|| A::Error::custom(MISSING))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        use serde::de::Error;
        let (want, rest) = match self.path.split_first() {
            Some((Seg::Index(i), rest)) => (*i, rest),
            _ => return Err(A::Error::custom(MISSING)),
        };
        let mut n = 0;
        let mut found = None;
        loop {
            if n == want {
                found = seq.next_element_seed(Walk::<T> {
                    path: rest,
                    key: self.key,
                    marker: std::marker::PhantomData,
                })?;
                if found.is_none() {
                    break;
                }
            } else if seq.next_element::<serde::de::IgnoredAny>()?.is_none() {
                break;
            }
            n += 1;
        }
        found.ok_or_else(|| A::Error::custom(MISSING))
    }
}

/// Reads a mapping key and says whether it is the wanted one; with `stop_here`, fails on it instead so the
/// error carries the key's position.
struct KeySeed<'p> {
    want: &'p str,
    stop_here: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeySeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<bool, E> {
        if v == self.want && self.stop_here {
            return Err(E::custom(FOUND));
        }
        Ok(v == self.want)
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<bool, A::Error> {
        while s.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<bool, A::Error> {
        while m
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "rules:\n  - code: PR001\n    enabled: yes\n  - code: PR002\n    params:\n      order: up\n";

    fn path(p: &[&str]) -> Vec<Seg> {
        p.iter()
            .map(|s| match s.parse::<usize>() {
                Ok(i) => Seg::Index(i),
                Err(_) => Seg::Key(s.to_string()),
            })
            .collect()
    }

    #[test]
    fn locates_values_and_keys() {
        assert_eq!(
            position_of(DOC, &path(&["rules", "1", "code"])),
            Some((4, 11))
        );
        assert_eq!(position_of(DOC, &path(&["rules", "1"])), Some((4, 5)));
        assert_eq!(
            key_position_of(DOC, &path(&["rules", "1", "params"]), "order"),
            Some((6, 7))
        );
        assert_eq!(position_of(DOC, &path(&["rules", "7"])), None);
        assert_eq!(key_position_of(DOC, &path(&["rules", "0"]), "nope"), None);
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
    }

    #[test]
    fn typed_errors_carry_the_node_position() {
        let e = from_str_at::<bool>(DOC, &path(&["rules", "0", "enabled"])).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(14)));
        let ok: String = from_str_at(DOC, &path(&["rules", "0", "code"])).unwrap();
        assert_eq!(ok, "PR001");
    }
}
