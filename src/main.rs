fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = pagerev::source::SourceFile::from_bytes(path.clone(), std::fs::read(&path).unwrap()).unwrap();
    let page = pagerev::parse::parse(&src, None);
    for r in &page.records {
        println!("{:3} {:45} | {:?} | T={:?}", r.index, r.id.as_str(), r.date.map(|d| d.to_string()), r.title.map(|t| t.raw));
        for c in &r.captions { println!("      cap {:?} {}", c.position, c.text.raw.chars().take(70).collect::<String>()); }
        println!("      lead {:?} paras={} mc={:?} ph={}", r.lead.map(|l| l.text.raw.chars().take(20).collect::<String>()), r.paragraphs.len(), r.member_counts.iter().map(|m| m.count).collect::<Vec<_>>(), r.placeholders.len());
    }
    println!("title {:?} preamble {}", page.title.map(|t| (t.text.raw, t.years)), page.preamble.len());
}
