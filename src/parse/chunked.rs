//! A long page assembled in chunks, on every core, with the records one pass gives.
//!
//! Reading a line's facts depends on the line alone, but assembling entries carries state from line to
//! line: the entry being built, the lines waiting for the next boundary, the years in force ([`Carry`]).
//! Entry boundaries are local, though: a few hundred lines after any point of a page, that state no longer
//! depends on where the assembler started. So each chunk but the first of a wave starts a little before its
//! seam ("warm-up", from the true state at its wave's start), notes the state it reached at its seam
//! (its guess), and goes on to its end; the chunks of a wave run in parallel. Then, in page order, each
//! guess is compared with the true state there: the state the chunk before it ended in. Equal states read
//! the lines after them the same way, so the chunk's records are the ones one pass would build; otherwise
//! (a year heading above the warm-up, an entry longer than it) the chunk is read again from the true
//! state. Either way the records are the same as one pass's, whatever the threads, chunk sizes or
//! warm-ups: ids are made unique when the chunks' records are added to the page, in page order
//! ([`Built::append`]), and the first chunk of every wave starts from the true state.
//!
//! A wave's records are added to the page (ids, fill-in, handed out to a streamed parse's consumer)
//! while the next wave is read: adding them between waves left every core but one idle.
//!
//! Starting the warm-ups from the state at the wave's start, not the page's head, gives them the year
//! heading in force: on a page whose years' sections are longer than a wave, guesses miss only in the
//! waves that cross a heading. Where sections are shorter than a wave, most chunks are read twice: a
//! wrong guess costs one chunk read again on one core, never a wrong record.

use super::{lines, read_lines, Assembler, Built, Carry, FactReader, LinesFrom};
use crate::record::{Record, Text};
use crate::source::SourceFile;

/// How a long page is cut into chunks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Chunking {
    /// Source lines per chunk: a few thousand entries.
    pub lines: usize,
    /// Source lines a chunk reads before its seam to reach the state one pass is in there (long enough
    /// for a few entries of any length seen on real pages), and lines read in one pass at the page's
    /// head, where its title and first boundary are found.
    pub warm_up: usize,
    /// Source lines a page needs to be cut: below it, one pass is as fast.
    pub min_page: usize,
}

/// The chunks of pages parsed by the tool.
pub(super) const CHUNKING: Chunking = Chunking {
    lines: 1 << 15,
    warm_up: 1 << 10,
    min_page: 1 << 16,
};

/// How the seams went: chunks whose guess was right, and chunks read again from the true state.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Seams {
    pub kept: usize,
    pub read_again: usize,
}

/// What a chunk read: the state it guessed at its seam, the state it ended in, and what it built.
struct Chunk<'a> {
    /// The state the chunk guessed at its seam; `None` when it started from the true state.
    guessed: Option<Carry<'a>>,
    carry: Carry<'a>,
    built: ChunkBuilt<'a>,
}

/// What a chunk built, to be added to the page once its guess is checked.
struct ChunkBuilt<'a> {
    /// The records it completed, with the ids their dates and titles make: those from the `first` on were
    /// completed after the seam.
    records: Vec<Record<'a>>,
    first: usize,
    /// Lines it put in the page's preamble after the seam (none, on any page seen so far: the preamble is
    /// settled at the first boundary, which the head reads).
    preamble: Vec<Text<'a>>,
}

/// Reads every line of `source` into `asm`, in chunks on every core when the page is long enough and
/// there is more than one thread; else in one pass. `after_wave` is called whenever records were added
/// (a streamed parse hands them out there).
#[allow(clippy::too_many_arguments)]
pub(super) fn read_page<'a, 'p>(
    asm: &mut Assembler<'a, 'p>,
    new_assembler: &(dyn Fn() -> Assembler<'a, 'p> + Sync),
    reader: &FactReader<'_>,
    source: &'a SourceFile,
    chunking: Chunking,
    block_lines: usize,
    seams: &mut Seams,
    after_wave: &mut dyn FnMut(&mut Assembler<'a, 'p>),
) {
    let n = source.line_starts().len();
    let threads = rayon::current_num_threads();
    if threads < 2 || n < chunking.min_page {
        let all = lines::source_lines(source);
        read_lines(
            asm,
            reader,
            all,
            LinesFrom::default(),
            block_lines,
            after_wave,
        );
        return;
    }
    // The head, in one pass: the page title, the preamble and the first boundary.
    let head_end = chunking.warm_up.clamp(1, n);
    let head: Vec<Text<'a>> = lines::source_lines_in(source, 0..head_end).collect();
    let rest = LinesFrom {
        offset: head.len(),
        before: head.last().copied(),
    };
    read_lines(
        asm,
        reader,
        head.into_iter(),
        LinesFrom::default(),
        block_lines,
        after_wave,
    );
    if !asm.carry.seen_boundary {
        // No entry in the head (a long preamble): the state at a seam could hold anything, one pass.
        let tail = lines::source_lines_in(source, head_end..n);
        read_lines(asm, reader, tail, rest, block_lines, after_wave);
        return;
    }
    // The inference's kinds cover the page's first lines only, which the head read.
    let reader = FactReader {
        known: &[],
        ..*reader
    };
    let reading = Reading {
        source,
        reader: &reader,
        block_lines,
    };
    let starts: Vec<usize> = (head_end..n).step_by(chunking.lines.max(1)).collect();
    let chunks: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(k, &lo)| (lo, starts.get(k + 1).copied().unwrap_or(n)))
        .collect();
    // The true state where the next chunk starts: the state the last chunk read ended in.
    let mut carry = asm.carry.clone();
    // What checked chunks built, not yet added to the page: it is added while the next wave is read.
    let mut checked: Vec<ChunkBuilt<'a>> = Vec::new();
    for wave in chunks.chunks(threads) {
        let slots: Vec<std::sync::OnceLock<Chunk<'a>>> =
            wave.iter().map(|_| std::sync::OnceLock::new()).collect();
        rayon::in_place_scope(|scope| {
            for (j, (&(lo, hi), slot)) in wave.iter().zip(&slots).enumerate() {
                // Every chunk starts from the true state at the wave's start: the first at that very
                // line, the others before their own seams. The state there is far from theirs, but it
                // has the page's settings and, most often, the year heading in force (headings are
                // further apart than a warm-up on many pages); the warm-up brings the rest.
                let warm_from = (j > 0).then(|| lo.saturating_sub(chunking.warm_up).max(head_end));
                let start = carry.clone();
                let reading = &reading;
                scope.spawn(move |_| {
                    let chunk = reading.chunk(new_assembler(), start, warm_from, lo, hi);
                    let _ = slot.set(chunk);
                });
            }
            add_to_page(asm, &mut checked);
            after_wave(asm);
        });
        for (slot, &(lo, hi)) in slots.into_iter().zip(wave) {
            let chunk = slot.into_inner().expect("every chunk of the wave was read");
            let chunk = match &chunk.guessed {
                Some(guess) if *guess != carry => {
                    seams.read_again += 1;
                    reading.chunk(new_assembler(), carry.clone(), None, lo, hi)
                }
                Some(_) => {
                    seams.kept += 1;
                    chunk
                }
                None => chunk,
            };
            carry = chunk.carry;
            checked.push(chunk.built);
        }
    }
    add_to_page(asm, &mut checked);
    asm.carry = carry;
    after_wave(asm);
}

/// Adds what checked chunks built to the page, in page order.
fn add_to_page<'a>(asm: &mut Assembler<'a, '_>, checked: &mut Vec<ChunkBuilt<'a>>) {
    for mut built in checked.drain(..) {
        asm.built.append(&mut built.records, built.first);
        asm.preamble.extend(built.preamble);
    }
}

/// Reads chunks of one page.
struct Reading<'r, 'a> {
    source: &'a SourceFile,
    reader: &'r FactReader<'r>,
    block_lines: usize,
}

impl<'a> Reading<'_, 'a> {
    /// Reads source lines `lo..hi` into `asm`, starting in state `carry` at line `warm_from` (a warm-up
    /// before the seam at `lo`, whose state is then the chunk's guess) or at `lo`.
    fn chunk<'p>(
        &self,
        mut asm: Assembler<'a, 'p>,
        carry: Carry<'a>,
        warm_from: Option<usize>,
        lo: usize,
        hi: usize,
    ) -> Chunk<'a> {
        asm.built = Built::new(false);
        asm.carry = carry;
        let from = warm_from.unwrap_or(lo);
        let lines: Vec<Text<'a>> = lines::source_lines_in(self.source, from..hi).collect();
        // Lines numbered up to `lo` are above the seam (line numbers are 1-based).
        let seam = lines.partition_point(|t| (t.line as usize) <= lo);
        let above = lines::line_above(self.source, from);
        let mut guessed = None;
        let (mut records_before, mut preamble_before) = (0, 0);
        if warm_from.is_some() {
            self.push(&mut asm, &lines[..seam], above);
            guessed = Some(asm.carry.clone());
            records_before = asm.built.records.len();
            preamble_before = asm.preamble.len();
        }
        let above_seam = seam.checked_sub(1).map(|i| lines[i]).or(above);
        self.push(&mut asm, &lines[seam..], above_seam);
        Chunk {
            guessed,
            built: ChunkBuilt {
                records: std::mem::take(&mut asm.built.records),
                first: records_before,
                preamble: asm.preamble.split_off(preamble_before),
            },
            carry: asm.carry,
        }
    }

    /// Gives `asm` the lines with their facts, a block at a time; `above` is the line above the first.
    fn push(&self, asm: &mut Assembler<'a, '_>, lines: &[Text<'a>], mut above: Option<Text<'a>>) {
        for block in lines.chunks(self.block_lines.max(1)) {
            // The inference's kinds are not used past the head: the offset is not counted.
            let facts = self.reader.read(block, 0, above);
            super::assemble(asm, block, &facts);
            above = block.last().copied();
        }
    }
}
