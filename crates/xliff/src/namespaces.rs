//! Every namespace the crate knows, defined once: XLIFF core, the XLIFF 2 modules and the
//! extensions it reads or writes.

/// XLIFF 1.2.
pub(crate) const NS_XLIFF_12: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// XLIFF 1.1.
pub(crate) const NS_XLIFF_11: &str = "urn:oasis:names:tc:xliff:document:1.1";
/// XLIFF 2.0 and 2.1 (also used by many 2.2 files).
pub(crate) const NS_XLIFF_20: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// XLIFF 2.2.
pub(crate) const NS_XLIFF_22: &str = "urn:oasis:names:tc:xliff:document:2.2";
/// Translation candidates.
pub(crate) const NS_MTC: &str = "urn:oasis:names:tc:xliff:matches:2.0";
/// Glossary.
pub(crate) const NS_GLS: &str = "urn:oasis:names:tc:xliff:glossary:2.0";
/// Format style.
pub(crate) const NS_FS: &str = "urn:oasis:names:tc:xliff:fs:2.0";
/// Metadata.
pub(crate) const NS_MDA: &str = "urn:oasis:names:tc:xliff:metadata:2.0";
/// Resource data.
pub(crate) const NS_RES: &str = "urn:oasis:names:tc:xliff:resourcedata:2.0";
/// Size and length restriction.
pub(crate) const NS_SLR: &str = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
/// Validation.
pub(crate) const NS_VAL: &str = "urn:oasis:names:tc:xliff:validation:2.0";
/// Change tracking, XLIFF 2.0.
pub(crate) const NS_CTR: &str = "urn:oasis:names:tc:xliff:changetracking:2.0";
/// Change tracking, XLIFF 2.1.
pub(crate) const NS_CTR_21: &str = "urn:oasis:names:tc:xliff:changetracking:2.1";
/// ITS 2.0 (used by the ITS module of XLIFF 2.1).
pub(crate) const NS_ITS: &str = "http://www.w3.org/2005/11/its";
/// The ITS module's own attributes.
pub(crate) const NS_ITSM: &str = "urn:oasis:names:tc:xliff:itsm:2.1";
/// Trados Studio's SDLXLIFF extension.
pub(crate) const NS_SDL: &str = "http://sdl.com/FileTypes/SdlXliff/1.0";
