//! Each page's own settings: `page.yaml` in the folder of its revisions (or the file `--profile` names),
//! read into the options the parser follows.

use super::revision::RevisionSpec;
use pagerev::lang::Lang;
use pagerev::parse::profile::{read_page_config, PageConfig};
use pagerev::parse::ParseOptions;
use std::path::{Path, PathBuf};

/// The name of a page's configuration file, beside its revisions.
pub const PAGE_CONFIG: &str = "page.yaml";

/// Where the page configuration of a revision would be: `page.yaml` in the revision's folder (for
/// `REV:path`, the folder of `path` in the working tree), or in the folder itself.
pub fn config_path_for(page: &Path) -> PathBuf {
    let dir = if page.is_dir() {
        page.to_path_buf()
    } else {
        let path = match RevisionSpec::parse(page) {
            RevisionSpec::File(p) => p,
            RevisionSpec::Git { path, .. } => PathBuf::from(path),
        };
        path.parent().map_or_else(PathBuf::new, Path::to_path_buf)
    };
    dir.join(PAGE_CONFIG)
}

/// Reads a page configuration file.
pub fn read_config(path: &Path) -> anyhow::Result<PageConfig> {
    let bytes = super::input::read_config_file(path)?;
    let name = super::input::display_name(path);
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{name}: not UTF-8 text; a page configuration is YAML"))?;
    Ok(read_page_config(&name, &text)?)
}

/// The parser options for the page `page` (a revision file, `REV:path`, or a folder of revisions):
/// `--lang`, and the profile pinned by `--profile FILE` or else by the page's `page.yaml`, if it has one.
pub fn parse_options(
    lang: Option<Lang>,
    profile: Option<&Path>,
    page: &Path,
) -> anyhow::Result<ParseOptions> {
    let config = match profile {
        Some(file) => read_config(file)?,
        None => {
            let path = config_path_for(page);
            if path.is_file() {
                read_config(&path)?
            } else {
                PageConfig::default()
            }
        }
    };
    Ok(ParseOptions {
        lang,
        pinned: config.profile,
    })
}

/// [`parse_options`] for a revision named by a [`RevisionSpec`].
pub fn parse_options_for_spec(
    lang: Option<Lang>,
    profile: Option<&Path>,
    spec: &RevisionSpec,
) -> anyhow::Result<ParseOptions> {
    parse_options(lang, profile, &spec_path(spec))
}

/// A revision as a path argument (`REV:path` for one in git), to find its page's settings.
pub fn spec_path(spec: &RevisionSpec) -> PathBuf {
    match spec {
        RevisionSpec::File(p) => p.clone(),
        RevisionSpec::Git { rev, path } => PathBuf::from(format!("{rev}:{path}")),
    }
}

/// Warns on stderr when `--lang` names another language than the page's own (detected from its month
/// names and common words), and says what the page then reads as: a wrong `--lang` is easy to give for
/// a whole folder and silently changes how dates and words are read.
pub fn warn_on_lang_mismatch(
    lang: Option<Lang>,
    source: &pagerev::source::SourceFile,
    records: usize,
    dated: usize,
) {
    let Some(forced) = lang else { return };
    let detected = pagerev::lang::detect(source.text());
    if detected == forced || detected == pagerev::lang::Lang::Unknown {
        return;
    }
    eprintln!(
        "warning: {}: `--lang {}`, but the page looks {} ({dated} of {} dated as read)",
        pagerev::report::control::escape(source.name()),
        forced.code(),
        detected.code(),
        pagerev::report::plural(records, "entry", "entries"),
    );
}
