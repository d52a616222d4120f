//! HTML pages (placeholder until written).
