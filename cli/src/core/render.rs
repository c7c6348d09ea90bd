//! Text for people: tables (comfy-table) and small formatting helpers.

use comfy_table::{presets::UTF8_HORIZONTAL_ONLY, CellAlignment, ContentArrangement, Table};

use crate::core::{
    encoding::{parse_account, short},
    json::Ss58,
};

/// The short form of an address for people (`5Grwva…utQY`).
pub fn short_ss58(a: &Ss58) -> String {
    parse_account(&a.0).map_or_else(|_| a.0.clone(), |b| short(&b))
}

/// A table with `headers`; columns listed in `right` are right-aligned (numbers).
pub fn table(headers: &[&str], right: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.to_vec());
    for &i in right {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// `" (closed)"` or nothing.
pub fn closed(yes: bool) -> &'static str {
    if yes {
        " (closed)"
    } else {
        ""
    }
}

/// A list for people: `a, b` or `-`.
pub fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An optional value for people: the value or `-`.
pub fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".into(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_a_header_and_aligned_numbers() {
        let mut t = table(&["id", "state"], &[0]);
        t.add_row(vec!["1", "Voting"]);
        t.add_row(vec!["12", "Queued"]);
        let text = t.to_string();
        assert!(text.contains("state") && text.contains("Voting"), "{text}");
        assert_eq!(list::<u8>(&[]), "-");
        assert_eq!(list(&[1, 2]), "1, 2");
    }
}
