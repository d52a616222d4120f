//! Dates in news pages (placeholder until written).
