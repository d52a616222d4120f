//! Text dumps (placeholder until written).
