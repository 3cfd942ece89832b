//! The document skeleton an XLIFF file carries: XLIFF 2 `<file><skeleton>`, XLIFF 1.2
//! `<file><header><skl><internal-file>`.

use werkbank_model::Skeleton;

use crate::xml::Element;
use crate::Document;

impl Document {
    /// The skeleton werkbank wrote into the file, when the document has one file and that file
    /// carries one. A skeleton of another tool (anything that is not werkbank's JSON form) is
    /// not read.
    pub fn skeleton(&self) -> Option<Skeleton> {
        let ns = self.core_namespace();
        let mut files = self.root.children_named(ns, "file");
        let file = files.next()?;
        if files.next().is_some() {
            return None;
        }
        of_file(file, ns, self.version().is_2x())
    }
}

/// The skeleton werkbank wrote into `file` (an element in the core namespace `ns`), if any.
pub(crate) fn of_file(file: &Element, ns: &str, v2: bool) -> Option<Skeleton> {
    let holder = if v2 {
        file.child(ns, "skeleton")?
    } else {
        file.child(ns, "header")?
            .child(ns, "skl")?
            .child(ns, "internal-file")?
    };
    if holder.elements().next().is_some() {
        return None;
    }
    Skeleton::from_json(&holder.text_content()).ok()
}
