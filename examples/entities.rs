//! Prints the named entities of stdin, one per line: `start end LABEL text -> canonical`.
//!
//! `echo "Angela Merkel flew to Paris." | cargo run --release -p whosaid --example entities`

use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read stdin");
    for e in whosaid::extract_entities(&text) {
        println!(
            "{}\t{}\t{}\t{}\t-> {}",
            e.start,
            e.end,
            e.label.as_str(),
            e.text,
            e.canonical
        );
    }
}
