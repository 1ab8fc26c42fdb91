//! Exact constant values (placeholder; being written).
