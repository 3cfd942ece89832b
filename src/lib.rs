//! werkbank
