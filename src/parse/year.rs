//! Turning a date as written into a calendar date: the page's numeric order, and the year of a date
//! that does not write one, from the context the page gives (a year heading above, the page title, the
//! entry before, the document's own date). No year is ever invented: without a source the date is not
//! read, and the record says its year is missing.

use super::date::{Found, Part};
use super::profile::{DateOrder, PageOrder};
use crate::record::{Date, Precision, YearSource};
use chrono::{Datelike, NaiveDate};

/// What the page has said so far that can give a date its year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct YearContext {
    /// The year of the section heading the entry stands under.
    pub heading: Option<i32>,
    /// The one year the page title names; with `title_next`, the first of two years in a row (a school
    /// year or a season, `2031-32`): dates in the months after a turn of the year are in the second.
    pub title: Option<i32>,
    pub title_next: bool,
    /// The month of the month heading the entry stands under (`JANUARY`), for day numbers alone.
    pub heading_month: Option<u32>,
    /// The day of the day heading the entry stands under (an agenda's `Lundi 18 mai`), for times alone,
    /// with where its year came from.
    /// `None` inside the tuple: the heading's day has no year anywhere on the page (its entries are
    /// still the agenda's, undated).
    pub heading_day: Option<(Option<Date>, YearSource)>,
    /// The previous entry's date (its first day), and where its year came from.
    pub previous: Option<(NaiveDate, YearSource)>,
    /// A full date in the preamble: the document's own date.
    pub document: Option<NaiveDate>,
    /// The day and month (month, day) a page about one day of the year names in its title or
    /// introduction (`Ephéméride 21 février`): the day of its entries, which write only their year.
    pub page_day: Option<(u32, u32)>,
    /// Under a title naming two years in a row, the month and day of the first date given the title's
    /// year: the season starts there, and dates earlier in the year are in its second year.
    pub season_start: Option<(u32, u32)>,
    pub order: PageOrder,
}

impl YearContext {
    /// Notes a date the page has passed: the previous date for the next ones, and under a title naming
    /// two years in a row, the season's first day when this is the first date given the title's year.
    pub fn passed(&mut self, date: NaiveDate, source: YearSource) {
        self.previous = Some((date, source));
        if self.title_next
            && source == YearSource::Title
            && self.season_start.is_none()
            && self.title == Some(date.year())
        {
            self.season_start = Some((date.month(), date.day()));
        }
    }
}

/// The calendar date `found` stands for, and where its year came from. `None` when it is not a calendar
/// date (`31 February 2020`, a range running backwards, year `10000`) or has no year and no source gives
/// one.
pub fn resolve(
    found: &Found,
    order: DateOrder,
    ctx: &YearContext,
    sources: &[YearSource],
) -> (Option<Date>, YearSource) {
    let (mut from, mut to) = (found.from, found.to);
    if found.numeric && found.swap_hint.is_none() && order == DateOrder::Mdy {
        swap(&mut from);
        if let Some(t) = to.as_mut() {
            swap(t);
        }
    }
    if from.bad_year || to.is_some_and(|t| t.bad_year) {
        return (None, YearSource::Written);
    }
    if from.month.is_none() && from.day.is_some() {
        // A day number alone takes its month from the heading above.
        from.month = ctx.heading_month;
        if from.month.is_none() {
            return (None, YearSource::Missing);
        }
    }
    if found.has_year() {
        return (build(from, to), YearSource::Written);
    }
    let (m, d) = (from.month.unwrap_or(1), from.day.unwrap_or(1));
    for &source in sources {
        let year = match source {
            YearSource::Heading => ctx.heading,
            YearSource::Title if ctx.title_next && ctx.order != PageOrder::NewestFirst => {
                // Down a school year (`2031-32`): the first date is in its first year, and a date earlier
                // in the year than the one above has passed the turn of the year.
                // A list that starts again (a club's fixtures after another's) goes back to the first
                // year: the season's first day says where the turn of the year falls.
                ctx.title
                    .map(|first| match (ctx.season_start, ctx.previous) {
                        (Some(start), _) if (m, d) >= start => first,
                        (Some(_), _) => first + 1,
                        (None, Some((p, YearSource::Title)))
                            if p.year() == first && (m, d) < (p.month(), p.day()) =>
                        {
                            first + 1
                        }
                        (None, Some((p, YearSource::Title))) => p.year(),
                        _ => first,
                    })
            }
            YearSource::Title => ctx.title,
            // Only along a chronology that wrote a year: an entry whose year came from a heading, the
            // title or the document date passes that source on instead.
            YearSource::Previous => ctx
                .previous
                .filter(|(_, src)| matches!(src, YearSource::Written | YearSource::Previous))
                .map(|(p, _)| {
                    let y = p.year();
                    let here = (m, d);
                    let there = (p.month(), p.day());
                    // Going down a chronology, a date earlier in the year than the one above is in the next
                    // year (oldest first) or, newest first, a later one is in the year before.
                    match ctx.order {
                        PageOrder::OldestFirst if here < there => y + 1,
                        PageOrder::NewestFirst if here > there => y - 1,
                        _ => y,
                    }
                }),
            YearSource::Document => ctx.document.map(|doc| {
                // The latest such day not after the document's date.
                if (m, d) > (doc.month(), doc.day()) {
                    doc.year() - 1
                } else {
                    doc.year()
                }
            }),
            YearSource::Written | YearSource::Missing => None,
        };
        if let Some(mut y) = year {
            // A weekday written with the date settles the year when the context is off by one
            // (`Sunday, June 30` in an advisory of June 28, 2024 is 2024, not 2023).
            if let (Some(w), Some(day)) = (found.weekday, from.day) {
                let fits = |y: i32| {
                    NaiveDate::from_ymd_opt(y, m, day)
                        .is_some_and(|d| d.weekday().number_from_monday() == u32::from(w))
                };
                if !fits(y) {
                    if let Some(other) = [y + 1, y - 1].into_iter().find(|&c| fits(c)) {
                        y = other;
                    }
                }
            }
            from.year = Some(y);
            if let Some(t) = to.as_mut() {
                // `28 December – 2 January`: the range ends in the next year.
                let next = from.month.zip(t.month).is_some_and(|(a, b)| a > b);
                t.year = Some(if next { y + 1 } else { y });
            }
            return (build(from, to), source);
        }
    }
    (None, YearSource::Missing)
}

fn swap(p: &mut Part) {
    std::mem::swap(&mut p.day, &mut p.month);
}

/// The date of complete parts: a day, month or year, or a range of them running forwards.
fn build(from: Part, to: Option<Part>) -> Option<Date> {
    let precision = if from.day.is_some() {
        Precision::Day
    } else if from.month.is_some() {
        Precision::Month
    } else {
        Precision::Year
    };
    let first =
        |p: Part| NaiveDate::from_ymd_opt(p.year?, p.month.unwrap_or(1), p.day.unwrap_or(1));
    let start = first(from)?;
    let Some(to) = to else {
        return Some(Date {
            start,
            end: None,
            precision,
        });
    };
    let end_start = first(to)?;
    let end = match precision {
        Precision::Day => end_start,
        Precision::Month | Precision::Year => Date {
            start: end_start,
            end: None,
            precision: if precision == Precision::Month && to.month.is_some() {
                Precision::Month
            } else {
                Precision::Year
            },
        }
        .last_day(),
    };
    (start < end).then_some(Date {
        start,
        end: Some(end),
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{vocabulary, LangSet};
    use crate::parse::date::{date_at, tokenize};

    fn found(s: &str) -> Found {
        let mut toks = Vec::new();
        tokenize(s, vocabulary(), LangSet::ALL, 64, &mut toks);
        date_at(&toks, 0).unwrap()
    }

    fn date(s: &str, ctx: &YearContext) -> (String, YearSource) {
        let (d, src) = resolve(
            &found(s),
            DateOrder::Dmy,
            ctx,
            &super::super::profile::default_year_from(),
        );
        (d.map_or("none".into(), |d| d.to_string()), src)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn written_years_are_kept() {
        let ctx = YearContext::default();
        assert_eq!(
            date("14 March 2012", &ctx),
            ("2012-03-14".into(), YearSource::Written)
        );
        assert_eq!(date("April - June 2018", &ctx).0, "2018-04/2018-06");
        assert_eq!(date("1715-1718", &ctx).0, "1715/1718");
        assert_eq!(date("31 February 2020", &ctx).0, "none");
        assert_eq!(date("22 – 20 November 2023", &ctx).0, "none");
        assert_eq!(date("1 January 10000", &ctx).0, "none");
    }

    #[test]
    fn missing_years_come_from_the_page_in_order() {
        let none = YearContext::default();
        assert_eq!(
            date("14 March", &none),
            ("none".into(), YearSource::Missing)
        );
        let ctx = YearContext {
            heading: Some(2017),
            title: Some(2021),
            ..YearContext::default()
        };
        assert_eq!(
            date("14 March", &ctx),
            ("2017-03-14".into(), YearSource::Heading)
        );
        let ctx = YearContext {
            title: Some(2021),
            ..YearContext::default()
        };
        assert_eq!(
            date("9 June", &ctx),
            ("2021-06-09".into(), YearSource::Title)
        );
    }

    #[test]
    fn a_seasons_dates_before_its_first_day_are_in_its_second_year() {
        // `League 2031-32`: the season starts on 8 August 2031.
        let ctx = YearContext {
            title: Some(2031),
            title_next: true,
            season_start: Some((8, 8)),
            // The list above ended in March of the second year; the next club's list starts again.
            previous: Some((ymd(2032, 3, 7), YearSource::Title)),
            ..YearContext::default()
        };
        assert_eq!(date("10 August", &ctx).0, "2031-08-10");
        assert_eq!(date("14 February", &ctx).0, "2032-02-14");
    }

    #[test]
    fn a_season_starts_at_the_first_date_given_the_titles_year() {
        let mut ctx = YearContext {
            title: Some(2031),
            title_next: true,
            ..YearContext::default()
        };
        ctx.passed(ymd(2031, 8, 8), YearSource::Written);
        assert_eq!(ctx.season_start, None);
        ctx.passed(ymd(2031, 8, 16), YearSource::Title);
        ctx.passed(ymd(2032, 2, 7), YearSource::Title);
        assert_eq!(ctx.season_start, Some((8, 16)));
        assert_eq!(ctx.previous, Some((ymd(2032, 2, 7), YearSource::Title)));
    }

    #[test]
    fn previous_years_roll_over_in_the_page_order() {
        let ctx = YearContext {
            previous: Some((ymd(2015, 12, 15), YearSource::Written)),
            order: PageOrder::OldestFirst,
            ..YearContext::default()
        };
        assert_eq!(
            date("2 janvier", &ctx),
            ("2016-01-02".into(), YearSource::Previous)
        );
        let ctx = YearContext {
            previous: Some((ymd(2016, 1, 2), YearSource::Previous)),
            order: PageOrder::NewestFirst,
            ..YearContext::default()
        };
        assert_eq!(date("15 December", &ctx).0, "2015-12-15");
    }

    #[test]
    fn document_dates_give_the_latest_year_not_after_them() {
        let ctx = YearContext {
            document: Some(ymd(2010, 1, 20)),
            ..YearContext::default()
        };
        assert_eq!(
            date("14 December", &ctx),
            ("2009-12-14".into(), YearSource::Document)
        );
        assert_eq!(date("12 January", &ctx).0, "2010-01-12");
        assert_eq!(
            date("28 December – 2 January", &ctx).0,
            "2009-12-28/2010-01-02"
        );
    }

    #[test]
    fn a_weekday_settles_a_year_the_context_gets_wrong() {
        let ctx = YearContext {
            document: Some(ymd(2024, 6, 28)),
            ..YearContext::default()
        };
        // By the document rule alone, 30 June after 28 June 2024 is in 2023; but 30 June 2024 was the
        // Sunday.
        assert_eq!(
            date("Sunday, June 30", &ctx),
            ("2024-06-30".into(), YearSource::Document)
        );
        assert_eq!(date("June 30", &ctx).0, "2023-06-30");
    }

    #[test]
    fn month_first_pages_read_numbers_month_first() {
        let f = found("03/05/2019");
        let (d, _) = resolve(&f, DateOrder::Mdy, &YearContext::default(), &[]);
        assert_eq!(d.unwrap().to_string(), "2019-03-05");
        let (d, _) = resolve(
            &found("14/05/2019"),
            DateOrder::Mdy,
            &YearContext::default(),
            &[],
        );
        assert_eq!(d.unwrap().to_string(), "2019-05-14");
    }
}
