//! Mutations: a seeded PRNG and the byte-level edits that turn a seed into a new input.
//!
//! Without coverage feedback (cargo-fuzz needs a nightly compiler; we run on stable), the
//! edits are chosen for the bugs parsers of these formats have: damage anywhere (flips,
//! inserts, deletes, truncation), structure spliced from other seeds, the format's own
//! tokens inserted, numbers at the edges of integer types written in ASCII (PDF lengths and
//! xref offsets, MIME sizes), and one chunk or token repeated thousands of times, which is
//! how unbounded recursion (`(` ×3000, nested MIME parts, `[[[[` in a PDF) is found.

/// A small, fast, seeded PRNG (SplitMix64): the same seed gives the same inputs, so a run
/// can be repeated exactly.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability 1/n.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A length that is usually small and sometimes large: 1..=max, skewed towards 1.
    fn small_len(&mut self, max: usize) -> usize {
        let max = max.max(1);
        let bits = self.below(usize::BITS as usize - max.leading_zeros() as usize + 1);
        (1 + self.below(1usize << bits)).min(max)
    }
}

/// Numbers at the edges of integer types, in ASCII, for length fields and offsets.
const INTERESTING_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "127",
    "128",
    "255",
    "256",
    "-129",
    "32767",
    "32768",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "99999999999999999999999999",
    "1e308",
    "-0",
    "0x7fffffff",
];

/// The largest input a mutation may produce; beyond this the input is truncated.
pub const MAX_INPUT: usize = 1 << 20;

/// Turns seeds into new inputs.
pub struct Mutator<'a> {
    /// The seeds to start from and splice in.
    pub seeds: &'a [Vec<u8>],
    /// The format's own tokens (`AND`, `obj`, `boundary=`), inserted and repeated.
    pub tokens: &'a [&'a str],
}

impl Mutator<'_> {
    /// A new input: a seed picked at random with one to eight edits stacked on it.
    pub fn next_input(&self, rng: &mut Rng) -> Vec<u8> {
        let mut data = if self.seeds.is_empty() {
            Vec::new()
        } else {
            self.seeds[rng.below(self.seeds.len())].clone()
        };
        let edits = 1 + rng.small_len(8);
        for _ in 0..edits {
            self.edit(&mut data, rng);
        }
        data.truncate(MAX_INPUT);
        data
    }

    fn edit(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        match rng.below(12) {
            0 => flip_bits(data, rng),
            1 => set_random_bytes(data, rng),
            2 => insert_random_bytes(data, rng),
            3 => delete_range(data, rng),
            4 => duplicate_chunk(data, rng),
            5 => self.splice(data, rng),
            6 => truncate(data, rng),
            7 => repeat_chunk(data, rng),
            8 | 9 => self.insert_token(data, rng),
            10 => self.nest_token(data, rng),
            _ => replace_number(data, rng),
        }
    }

    fn splice(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        if self.seeds.is_empty() {
            return;
        }
        let other = &self.seeds[rng.below(self.seeds.len())];
        if other.is_empty() {
            return;
        }
        let from = rng.below(other.len());
        let len = rng.small_len(other.len() - from);
        let at = rng.below(data.len() + 1);
        if rng.one_in(2) {
            // Cross-over: keep our head, take the other seed's tail from here.
            data.truncate(at);
            data.extend_from_slice(&other[from..]);
        } else {
            data.splice(at..at, other[from..from + len].iter().copied());
        }
    }

    fn token<'t>(&'t self, rng: &mut Rng) -> &'t [u8] {
        if self.tokens.is_empty() || rng.one_in(4) {
            INTERESTING_NUMBERS[rng.below(INTERESTING_NUMBERS.len())].as_bytes()
        } else {
            self.tokens[rng.below(self.tokens.len())].as_bytes()
        }
    }

    fn insert_token(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let at = rng.below(data.len() + 1);
        let token = self.token(rng).to_vec();
        data.splice(at..at, token);
    }

    /// One token repeated hundreds to thousands of times: deep nesting.
    fn nest_token(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let at = rng.below(data.len() + 1);
        let token = self.token(rng).to_vec();
        let times = 100 + rng.below(5000);
        let block: Vec<u8> = token
            .iter()
            .copied()
            .cycle()
            .take(token.len() * times)
            .collect();
        data.splice(at..at, block);
    }
}

fn flip_bits(data: &mut [u8], rng: &mut Rng) {
    for _ in 0..rng.small_len(16) {
        if data.is_empty() {
            return;
        }
        let i = rng.below(data.len());
        data[i] ^= 1 << rng.below(8);
    }
}

fn set_random_bytes(data: &mut [u8], rng: &mut Rng) {
    for _ in 0..rng.small_len(16) {
        if data.is_empty() {
            return;
        }
        let i = rng.below(data.len());
        // Bytes that matter to text formats more often than chance would give them.
        const SPECIAL: &[u8] = b"\0\r\n\t \"'()<>[]{}/\\:;=-+*~%#&?!\xff\xfe\x80\xc0";
        data[i] = if rng.one_in(2) {
            SPECIAL[rng.below(SPECIAL.len())]
        } else {
            rng.next_u64() as u8
        };
    }
}

fn insert_random_bytes(data: &mut Vec<u8>, rng: &mut Rng) {
    let at = rng.below(data.len() + 1);
    let len = rng.small_len(64);
    let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
    data.splice(at..at, bytes);
}

fn delete_range(data: &mut Vec<u8>, rng: &mut Rng) {
    if data.is_empty() {
        return;
    }
    let from = rng.below(data.len());
    let len = rng.small_len(data.len() - from);
    data.drain(from..from + len);
}

fn duplicate_chunk(data: &mut Vec<u8>, rng: &mut Rng) {
    if data.is_empty() {
        return;
    }
    let from = rng.below(data.len());
    let len = rng.small_len((data.len() - from).min(4096));
    let chunk = data[from..from + len].to_vec();
    let at = rng.below(data.len() + 1);
    data.splice(at..at, chunk);
}

fn truncate(data: &mut Vec<u8>, rng: &mut Rng) {
    let keep = rng.below(data.len() + 1);
    data.truncate(keep);
}

/// A chunk of the input repeated many times in place: nested parts, long header lines.
fn repeat_chunk(data: &mut Vec<u8>, rng: &mut Rng) {
    if data.is_empty() {
        return;
    }
    let from = rng.below(data.len());
    let len = rng.small_len((data.len() - from).min(256));
    let times = 2 + rng.below(3000);
    let chunk = data[from..from + len].to_vec();
    let block: Vec<u8> = chunk
        .iter()
        .copied()
        .cycle()
        .take((len * times).min(MAX_INPUT / 2))
        .collect();
    data.splice(from..from, block);
}

/// Replaces a run of ASCII digits (a length, an offset, a date) with an interesting number.
fn replace_number(data: &mut Vec<u8>, rng: &mut Rng) {
    if data.is_empty() {
        return;
    }
    let start = rng.below(data.len());
    let Some(first) = data[start..].iter().position(u8::is_ascii_digit) else {
        return;
    };
    let from = start + first;
    let len = data[from..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let number = INTERESTING_NUMBERS[rng.below(INTERESTING_NUMBERS.len())].as_bytes();
    data.splice(from..from + len, number.iter().copied());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_inputs_and_another_seed_others() {
        let seeds = vec![
            b"title:(contract AND breach)".to_vec(),
            b"\"a b\"~3".to_vec(),
        ];
        let m = Mutator {
            seeds: &seeds,
            tokens: &["AND", "("],
        };
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..200).map(|_| m.next_input(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn inputs_never_exceed_the_size_limit_and_sometimes_nest_deeply() {
        let seeds = vec![vec![b'('; 1000]];
        let m = Mutator {
            seeds: &seeds,
            tokens: &["("],
        };
        let mut rng = Rng::new(1);
        let inputs: Vec<Vec<u8>> = (0..2000).map(|_| m.next_input(&mut rng)).collect();
        assert!(inputs.iter().all(|i| i.len() <= MAX_INPUT));
        assert!(
            inputs
                .iter()
                .any(|i| i.iter().filter(|&&b| b == b'(').count() > 3000)
        );
    }
}
