//! The one place pagerev touches YAML. `serde_yaml` is no longer maintained upstream; keeping every use
//! behind these functions means replacing it (with `serde_yml`, `serde_norway` or `saphyr`) touches one
//! file.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Write;

/// A YAML syntax or type error with its 1-based position, when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
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

impl From<serde_yaml::Error> for YamlError {
    fn from(e: serde_yaml::Error) -> Self {
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
            std::io::Error::new(std::io::ErrorKind::InvalidData, YamlError::from(e))
        })),
    }
}

/// Serializes `value` as a YAML string.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(YamlError::from)
}

/// Deserializes a YAML document.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(YamlError::from)
}

/// A parsed YAML document as a generic value tree (for config validation that needs every problem).
pub type Value = serde_yaml::Value;
