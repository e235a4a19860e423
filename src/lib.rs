//! clausewise: reviews Markdown contracts from the freelance consultant's side.
//!
//! Layers, from the bottom: [`document`] (rope, edits, positions), [`syntax`]
//! (tree-sitter-md per chunk), [`model`] (the contract: sections, terms,
//! references, parties), [`rules`] and [`knowledge`] (what to check, as data),
//! [`analysis`] (pure: a document state in, findings and answers out). Only
//! [`lsp`] knows the Language Server Protocol.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod document;
pub mod knowledge;
pub mod lsp;
pub mod model;
pub mod rules;
pub mod syntax;
