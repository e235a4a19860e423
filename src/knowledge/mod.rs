//! Domain knowledge kept as data: topic gates, the glossary, clause templates.

pub mod glossary;
pub mod topics;
