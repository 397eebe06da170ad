//! `validate`'s pipeline, the records streamed from the parser into the rules (`rules::validate_source`),
//! gives the findings of parsing the whole page and then checking it (`rules::check_page_keeping`): on a
//! generated page of over a megabyte with planted defects, whose rules run on a thread of their own while
//! the parser goes on, with every count of threads and with and without a limit on the findings kept.

mod common;

use common::gen_corpus::{generate, Options};
use pagerev::rules::config::{ConfigFile, RuleSet};
use pagerev::rules::{check_page_keeping, validate_source, CheckContext};
use pagerev::source::SourceFile;

#[test]
fn streamed_validation_finds_what_checking_the_parsed_page_finds() {
    let mut options = Options::new(2000);
    options.inject_defects = 40;
    let text = generate(&options).page;
    // Pages from a megabyte on have their rules on a thread of their own: this one must.
    assert!(text.len() > 1 << 20, "{} bytes", text.len());
    let source = SourceFile::from_text("generated.txt", text).expect("page is text");
    let settings = ConfigFile {
        name: "corpus/official-visits/page.yaml".into(),
        text: std::fs::read_to_string(common::repo_root().join("corpus/official-visits/page.yaml"))
            .expect("page settings"),
        page: true,
    };
    let rules = RuleSet::load(&[settings]).expect("default rules and the page's");
    let ctx = CheckContext::default();
    let page = pagerev::parse::parse(&source, None);
    let dated = page.records.iter().filter(|r| r.date.is_some()).count();
    for keep in [usize::MAX, 25] {
        let (want, want_omitted) = check_page_keeping(&rules, &source, &page, &ctx, keep);
        // Planted defects of several rules, and the generator's repeated captions.
        assert!(want.len() >= 25, "{} findings", want.len());
        let codes: std::collections::HashSet<&str> = want.iter().map(|d| d.code).collect();
        assert!(codes.len() >= 3, "{codes:?}");
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let got =
                pool.install(|| validate_source(&rules, &source, &Default::default(), &ctx, keep));
            let what = format!("{threads} threads, keeping {keep}");
            assert_eq!(got.findings, want, "{what}");
            assert_eq!(got.omitted, want_omitted, "{what}");
            assert_eq!(
                (got.outline.records, got.dated, got.outline.title),
                (page.records.len(), dated, page.title),
                "{what}"
            );
            assert_eq!(got.outline.preamble, page.preamble, "{what}");
        }
    }
}
