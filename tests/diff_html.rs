//! The HTML report with findings, as `pagerev check --html` will render it: findings by severity at the
//! top, on the cards of their records, and a filter by rule.

mod common;

#[test]
fn findings_are_counted_listed_and_attached_to_their_cards() {
    let html = common::html_report_with_findings();
    for expected in [
        // Counts by severity, most severe first.
        "<li data-summary-severity=\"error\"><span class=\"n\">1</span>",
        "<li data-summary-severity=\"warning\"><span class=\"n\">1</span>",
        "<li data-summary-severity=\"info\"><span class=\"n\">1</span>",
        // A filter per rule that has a card, and one for cards without findings.
        "name=\"rule\" value=\"PR101\" checked> <code>PR101</code> <span class=\"n\">1</span>",
        "name=\"rule\" value=\"PR102\" checked> <code>PR102</code> <span class=\"n\">1</span>",
        "name=\"rule\" value=\"none\" checked> no finding <span class=\"n\">6</span>",
        // Cards carry their rules; the removed record is found by its old id.
        "id=\"rec-2023-11-13-albanian-minister-of-interior\" data-kind=\"retitled\" data-rules=\"PR101\"",
        "id=\"rec-2022-04-01-executive-director-of-frontex\" data-kind=\"removed\" data-rules=\"PR102\"",
        // Messages are escaped; a finding on a record without a card names it without a link.
        "title changed to &lt;b&gt;&quot;Albanian&quot;&lt;/b&gt; &amp; more",
        "<code>2023-11-20-commissioner-economic-and-monetary-community-of-central</code>: a finding",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    assert!(
        !html.contains("value=\"PR004\""),
        "no filter for a rule without a card"
    );
    let error = html.find("data-rule=\"PR101\"").unwrap();
    let warning = html.find("data-rule=\"PR102\"").unwrap();
    let info = html.find("data-rule=\"PR004\"").unwrap();
    assert!(
        error < warning && warning < info,
        "findings sorted by severity"
    );
}

#[test]
fn without_findings_there_is_no_findings_section_or_rule_filter() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pagerev"))
        .args([
            "diff",
            "corpus/official-visits/2023-12.txt",
            "corpus/official-visits/2024-01.txt",
            "--format",
            "html",
        ])
        .current_dir(common::repo_root())
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("id=\"findings-h\""));
    assert!(!html.contains("name=\"rule\""));
}
