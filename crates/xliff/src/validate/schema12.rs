//! XLIFF 1.2 as the OASIS transitional schema (`xliff-core-1.2-transitional.xsd`) defines it:
//! each element's content model, its attributes and their types, and the identity constraints
//! (unique ids, references to tools, phases and segment markers). The checks follow the schema
//! rule for rule, so a file is free of `xliff12-schema/…` findings exactly when the schema
//! accepts it; `docs/CONFORMANCE.md` reports the agreement on every 1.2 file in `../shared`.
//! The rules the specification states only in words are in `v12.rs`.

use std::collections::{HashMap, HashSet};

use super::names::is_nmtoken;
use super::Sink;
use crate::xml::{Element, Node, XML_NAMESPACE};
use crate::Position;

/// The type of an attribute value, as the schema declares it.
#[derive(Debug, Clone, Copy)]
enum Type {
    /// `xsd:string`: anything.
    Text,
    /// `xsd:NMTOKEN`.
    NmToken,
    /// `xsd:language`.
    Language,
    /// `xml:lang`: a language or the empty string.
    XmlLang,
    /// `xml:space`: default or preserve.
    XmlSpace,
    /// `xsd:dateTime`.
    DateTime,
    /// An enumeration derived from NMTOKEN (whitespace collapsed), without `x-` values.
    Closed(&'static [&'static str]),
    /// An enumeration derived from NMTOKEN, or an `x-` value.
    Open(&'static [&'static str]),
    /// An enumeration derived from `xsd:string` (compared as written), or an `x-` value.
    OpenText(&'static [&'static str]),
    /// `count-type`: any of several lists, or an `x-` value.
    CountKind,
    /// `AttrType_Coordinates`.
    Coordinates,
    /// `AttrType_Version`.
    Version,
    /// `AttrType_priority`: 1 to 10.
    Priority,
    /// `AttrType_purpose`: a list of purposes.
    Purpose,
    /// `AttrType_reformat`: yes, no, or a list of reformat values.
    Reformat,
    /// `mime-typeValueList`.
    Mime,
}

/// An attribute an element may carry.
struct Attribute {
    name: &'static str,
    /// In the XML namespace (`xml:lang`, `xml:space`).
    xml: bool,
    value: Type,
    required: bool,
}

const fn attr(name: &'static str, value: Type) -> Attribute {
    Attribute {
        name,
        xml: false,
        value,
        required: false,
    }
}

const fn required(name: &'static str, value: Type) -> Attribute {
    Attribute {
        name,
        xml: false,
        value,
        required: true,
    }
}

const fn xml(name: &'static str, value: Type) -> Attribute {
    Attribute {
        name,
        xml: true,
        value,
        required: false,
    }
}

/// One step of a content model: one of `names` (or, with `other`, an element of another
/// namespace), between `min` and `max` times (`max` 0: unbounded).
struct Slot {
    names: &'static [&'static str],
    other: bool,
    min: u32,
    max: u32,
}

const fn one(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        other: false,
        min: 1,
        max: 1,
    }
}

const fn optional(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        other: false,
        min: 0,
        max: 1,
    }
}

const fn any_number(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        other: false,
        min: 0,
        max: 0,
    }
}

const fn at_least_one(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        other: false,
        min: 1,
        max: 0,
    }
}

const OTHER: Slot = Slot {
    names: &[],
    other: true,
    min: 0,
    max: 0,
};

/// What an element may contain.
enum Content {
    /// Nothing at all.
    Empty,
    /// Text only.
    Text,
    /// Elements only, in this order.
    Elements(&'static [Slot]),
    /// Text and these elements in any order.
    Mixed(&'static [&'static str]),
    /// Text and any elements, not checked (`tool`).
    Anything,
    /// `xliff`: (other-namespace elements, file) repeated.
    Root,
}

struct Declaration {
    name: &'static str,
    content: Content,
    attributes: &'static [Attribute],
    /// `anyAttribute namespace="##any"`: other attributes are allowed and not checked.
    open_attributes: bool,
}

const TEXT_CONTENT: &[&str] = &["g", "bpt", "ept", "ph", "it", "mrk", "x", "bx", "ex"];
const SUB: &[&str] = &["sub"];
const REFERENCE: &[Slot] = &[one(&["internal-file", "external-file"])];

const CONTEXT_TYPES: &[&str] = &[
    "database",
    "element",
    "elementtitle",
    "linenumber",
    "numparams",
    "paramnotes",
    "record",
    "recordtitle",
    "sourcefile",
];
const COUNT_TYPES: &[&str] = &["num-usages", "repetition", "total"];
const DELIMITERS: &[&str] = &["bold", "italic", "underlined", "link"];
const PLACEHOLDERS: &[&str] = &["image", "pb", "lb"];
const DATATYPES: &[&str] = &[
    "asp",
    "c",
    "cdf",
    "cfm",
    "cpp",
    "csharp",
    "cstring",
    "csv",
    "database",
    "documentfooter",
    "documentheader",
    "filedialog",
    "form",
    "html",
    "htmlbody",
    "ini",
    "interleaf",
    "javaclass",
    "javapropertyresourcebundle",
    "javalistresourcebundle",
    "javascript",
    "jscript",
    "layout",
    "lisp",
    "margin",
    "menufile",
    "messagefile",
    "mif",
    "mimetype",
    "mo",
    "msglib",
    "pagefooter",
    "pageheader",
    "parameters",
    "pascal",
    "php",
    "plaintext",
    "po",
    "report",
    "resources",
    "resx",
    "rtf",
    "sgml",
    "sgmldtd",
    "svg",
    "vbscript",
    "warning",
    "winres",
    "xhtml",
    "xml",
    "xmldtd",
    "xsl",
    "xul",
];
const MTYPES: &[&str] = &[
    "abbrev",
    "abbreviated-form",
    "abbreviation",
    "acronym",
    "appellation",
    "collocation",
    "common-name",
    "datetime",
    "equation",
    "expanded-form",
    "formula",
    "head-term",
    "initialism",
    "international-scientific-term",
    "internationalism",
    "logical-expression",
    "materials-management-unit",
    "name",
    "near-synonym",
    "part-number",
    "phrase",
    "phraseological-unit",
    "protected",
    "romanized-form",
    "seg",
    "set-phrase",
    "short-form",
    "sku",
    "standard-text",
    "symbol",
    "synonym",
    "synonymous-phrase",
    "term",
    "transcribed-form",
    "transliterated-form",
    "truncated-term",
    "variant",
];
const RESTYPES: &[&str] = &[
    "auto3state",
    "autocheckbox",
    "autoradiobutton",
    "bedit",
    "bitmap",
    "button",
    "caption",
    "cell",
    "checkbox",
    "checkboxmenuitem",
    "checkedlistbox",
    "colorchooser",
    "combobox",
    "comboboxexitem",
    "comboboxitem",
    "component",
    "contextmenu",
    "ctext",
    "cursor",
    "datetimepicker",
    "defpushbutton",
    "dialog",
    "dlginit",
    "edit",
    "file",
    "filechooser",
    "fn",
    "font",
    "footer",
    "frame",
    "grid",
    "groupbox",
    "header",
    "heading",
    "hedit",
    "hscrollbar",
    "icon",
    "iedit",
    "keywords",
    "label",
    "linklabel",
    "list",
    "listbox",
    "listitem",
    "ltext",
    "menu",
    "menubar",
    "menuitem",
    "menuseparator",
    "message",
    "monthcalendar",
    "numericupdown",
    "panel",
    "popupmenu",
    "pushbox",
    "pushbutton",
    "radio",
    "radiobuttonmenuitem",
    "rcdata",
    "row",
    "rtext",
    "scrollpane",
    "separator",
    "shortcut",
    "spinner",
    "splitter",
    "state3",
    "statusbar",
    "string",
    "tabcontrol",
    "table",
    "textbox",
    "togglebutton",
    "toolbar",
    "tooltip",
    "trackbar",
    "tree",
    "uri",
    "userbutton",
    "usercontrol",
    "var",
    "versioninfo",
    "vscrollbar",
    "window",
];
const SIZE_UNITS: &[&str] = &[
    "byte", "char", "col", "cm", "dlgunit", "em", "ex", "glyph", "in", "mm", "percent", "pixel",
    "point", "row",
];
const STATES: &[&str] = &[
    "final",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "needs-review-translation",
    "needs-translation",
    "new",
    "signed-off",
    "translated",
];
const STATE_QUALIFIERS: &[&str] = &[
    "exact-match",
    "fuzzy-match",
    "id-match",
    "leveraged-glossary",
    "leveraged-inherited",
    "leveraged-mt",
    "leveraged-repository",
    "leveraged-tm",
    "mt-suggestion",
    "rejected-grammar",
    "rejected-inaccurate",
    "rejected-length",
    "rejected-spelling",
    "tm-suggestion",
];
const UNITS: &[&str] = &[
    "word",
    "page",
    "trans-unit",
    "bin-unit",
    "glyph",
    "item",
    "instance",
    "character",
    "line",
    "sentence",
    "paragraph",
    "segment",
    "placeable",
];
const REFORMAT_VALUES: &[&str] = &[
    "coord",
    "coord-x",
    "coord-y",
    "coord-cx",
    "coord-cy",
    "font",
    "font-name",
    "font-size",
    "font-weight",
    "css-style",
    "style",
    "ex-style",
];
const PURPOSES: &[&str] = &["information", "location", "match"];
const ALT_TRANS_TYPES: &[&str] = &[
    "proposal",
    "previous-version",
    "rejected",
    "reference",
    "accepted",
];
const YES_NO: Type = Type::Closed(&["yes", "no"]);

/// An attribute list: the element's own attributes, then (with `resources`) those `group`,
/// `trans-unit` and `alt-trans` share for resources and layout, then (with `sizes`) the size
/// attributes of `group` and `trans-unit`.
macro_rules! attributes {
    ([$($own:expr),* $(,)?]) => {
        &[$($own,)*]
    };
    ([$($own:expr),* $(,)?] resources) => {
        attributes!([
            $($own,)*
            attr("restype", Type::Open(RESTYPES)),
            attr("resname", Type::Text),
            attr("extradata", Type::Text),
            attr("extype", Type::Text),
            attr("help-id", Type::NmToken),
            attr("menu", Type::Text),
            attr("menu-option", Type::Text),
            attr("menu-name", Type::Text),
            attr("coord", Type::Coordinates),
            attr("font", Type::Text),
            attr("css-style", Type::Text),
            attr("style", Type::NmToken),
            attr("exstyle", Type::NmToken),
        ])
    };
    ([$($own:expr),* $(,)?] resources sizes) => {
        attributes!([
            $($own,)*
            attr("size-unit", Type::Open(SIZE_UNITS)),
            attr("maxwidth", Type::NmToken),
            attr("minwidth", Type::NmToken),
            attr("maxheight", Type::NmToken),
            attr("minheight", Type::NmToken),
            attr("maxbytes", Type::NmToken),
            attr("minbytes", Type::NmToken),
            attr("charclass", Type::Text),
        ] resources)
    };
}

const GROUP_ATTRIBUTES: &[Attribute] = attributes!([
    attr("id", Type::Text),
    attr("datatype", Type::Open(DATATYPES)),
    xml("space", Type::XmlSpace),
    attr("ts", Type::Text),
    attr("translate", YES_NO),
    attr("reformat", Type::Reformat),
    attr("merged-trans", YES_NO),
] resources sizes);

const TRANS_UNIT_ATTRIBUTES: &[Attribute] = attributes!([
    required("id", Type::Text),
    attr("approved", YES_NO),
    attr("translate", YES_NO),
    attr("reformat", Type::Reformat),
    xml("space", Type::XmlSpace),
    attr("datatype", Type::Open(DATATYPES)),
    attr("ts", Type::Text),
    attr("phase-name", Type::Text),
    attr("merged-trans", YES_NO),
] resources sizes);

const ALT_TRANS_ATTRIBUTES: &[Attribute] = attributes!([
    attr("match-quality", Type::Text),
    attr("tool-id", Type::Text),
    attr("tool", Type::Text),
    attr("crc", Type::NmToken),
    xml("lang", Type::XmlLang),
    attr("origin", Type::Text),
    attr("datatype", Type::Open(DATATYPES)),
    xml("space", Type::XmlSpace),
    attr("ts", Type::Text),
    attr("mid", Type::NmToken),
    attr("phase-name", Type::NmToken),
    attr("alttranstype", Type::OpenText(ALT_TRANS_TYPES)),
] resources);

/// `AttrGroup_TextContent` with an element's own attributes in front.
macro_rules! inline_attributes {
    ($($own:expr),* $(,)?) => {
        &[
            $($own,)*
            required("id", Type::Text),
            attr("ts", Type::Text),
            attr("xid", Type::Text),
            attr("equiv-text", Type::Text),
        ]
    };
}

const DECLARATIONS: &[Declaration] = &[
    Declaration {
        name: "xliff",
        content: Content::Root,
        attributes: &[
            required("version", Type::Version),
            xml("lang", Type::XmlLang),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "file",
        content: Content::Elements(&[optional(&["header"]), one(&["body"])]),
        attributes: &[
            required("original", Type::Text),
            required("source-language", Type::Language),
            required("datatype", Type::Open(DATATYPES)),
            attr("tool-id", Type::Text),
            attr("tool", Type::Text),
            attr("date", Type::DateTime),
            xml("space", Type::XmlSpace),
            attr("ts", Type::Text),
            attr("category", Type::Text),
            attr("target-language", Type::Language),
            attr("product-name", Type::Text),
            attr("product-version", Type::Text),
            attr("build-num", Type::Text),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "header",
        content: Content::Elements(&[
            optional(&["skl"]),
            optional(&["phase-group"]),
            any_number(&[
                "glossary",
                "reference",
                "count-group",
                "prop-group",
                "note",
                "tool",
            ]),
            OTHER,
        ]),
        attributes: &[],
        open_attributes: false,
    },
    Declaration {
        name: "skl",
        content: Content::Elements(REFERENCE),
        attributes: &[],
        open_attributes: false,
    },
    Declaration {
        name: "glossary",
        content: Content::Elements(REFERENCE),
        attributes: &[],
        open_attributes: false,
    },
    Declaration {
        name: "reference",
        content: Content::Elements(REFERENCE),
        attributes: &[],
        open_attributes: false,
    },
    Declaration {
        name: "internal-file",
        content: Content::Text,
        attributes: &[attr("form", Type::Text), attr("crc", Type::NmToken)],
        open_attributes: false,
    },
    Declaration {
        name: "external-file",
        content: Content::Empty,
        attributes: &[
            required("href", Type::Text),
            attr("crc", Type::NmToken),
            attr("uid", Type::NmToken),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "note",
        content: Content::Text,
        attributes: &[
            xml("lang", Type::XmlLang),
            attr("priority", Type::Priority),
            attr("from", Type::Text),
            attr("annotates", Type::Closed(&["source", "target", "general"])),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "phase-group",
        content: Content::Elements(&[at_least_one(&["phase"])]),
        attributes: &[],
        open_attributes: false,
    },
    Declaration {
        name: "phase",
        content: Content::Elements(&[any_number(&["note"])]),
        attributes: &[
            required("phase-name", Type::Text),
            required("process-name", Type::Text),
            attr("company-name", Type::Text),
            attr("tool-id", Type::Text),
            attr("tool", Type::Text),
            attr("date", Type::DateTime),
            attr("job-id", Type::Text),
            attr("contact-name", Type::Text),
            attr("contact-email", Type::Text),
            attr("contact-phone", Type::Text),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "count-group",
        content: Content::Elements(&[any_number(&["count"])]),
        attributes: &[required("name", Type::Text)],
        open_attributes: false,
    },
    Declaration {
        name: "count",
        content: Content::Text,
        attributes: &[
            attr("count-type", Type::CountKind),
            attr("phase-name", Type::Text),
            attr("unit", Type::Open(UNITS)),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "context-group",
        content: Content::Elements(&[at_least_one(&["context"])]),
        attributes: &[
            attr("name", Type::Text),
            attr("crc", Type::NmToken),
            attr("purpose", Type::Purpose),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "context",
        content: Content::Text,
        attributes: &[
            required("context-type", Type::OpenText(CONTEXT_TYPES)),
            attr("match-mandatory", YES_NO),
            attr("crc", Type::NmToken),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "prop-group",
        content: Content::Elements(&[at_least_one(&["prop"])]),
        attributes: &[attr("name", Type::Text)],
        open_attributes: false,
    },
    Declaration {
        name: "prop",
        content: Content::Text,
        attributes: &[
            required("prop-type", Type::Text),
            xml("lang", Type::XmlLang),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "tool",
        content: Content::Anything,
        attributes: &[
            required("tool-id", Type::Text),
            required("tool-name", Type::Text),
            attr("tool-version", Type::Text),
            attr("tool-company", Type::Text),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "body",
        content: Content::Elements(&[any_number(&["group", "trans-unit", "bin-unit"])]),
        attributes: &[],
        open_attributes: false,
    },
    Declaration {
        name: "group",
        content: Content::Elements(&[
            any_number(&["context-group"]),
            any_number(&["count-group"]),
            any_number(&["prop-group"]),
            any_number(&["note"]),
            OTHER,
            any_number(&["group", "trans-unit", "bin-unit"]),
        ]),
        attributes: GROUP_ATTRIBUTES,
        open_attributes: true,
    },
    Declaration {
        name: "trans-unit",
        content: Content::Elements(&[
            one(&["source"]),
            optional(&["seg-source"]),
            optional(&["target"]),
            any_number(&[
                "context-group",
                "count-group",
                "prop-group",
                "note",
                "alt-trans",
            ]),
            OTHER,
        ]),
        attributes: TRANS_UNIT_ATTRIBUTES,
        open_attributes: true,
    },
    Declaration {
        name: "source",
        content: Content::Mixed(TEXT_CONTENT),
        attributes: &[xml("lang", Type::XmlLang), attr("ts", Type::Text)],
        open_attributes: true,
    },
    Declaration {
        name: "seg-source",
        content: Content::Mixed(TEXT_CONTENT),
        attributes: &[xml("lang", Type::XmlLang), attr("ts", Type::Text)],
        open_attributes: true,
    },
    Declaration {
        name: "target",
        content: Content::Mixed(TEXT_CONTENT),
        attributes: &[
            attr("state", Type::Open(STATES)),
            attr("state-qualifier", Type::Open(STATE_QUALIFIERS)),
            attr("phase-name", Type::NmToken),
            xml("lang", Type::XmlLang),
            attr("ts", Type::Text),
            attr("restype", Type::Open(RESTYPES)),
            attr("resname", Type::Text),
            attr("coord", Type::Coordinates),
            attr("font", Type::Text),
            attr("css-style", Type::Text),
            attr("style", Type::NmToken),
            attr("exstyle", Type::NmToken),
            attr("equiv-trans", YES_NO),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "alt-trans",
        content: Content::Elements(&[
            optional(&["source"]),
            optional(&["seg-source"]),
            at_least_one(&["target"]),
            any_number(&["context-group"]),
            any_number(&["prop-group"]),
            any_number(&["note"]),
            OTHER,
        ]),
        attributes: ALT_TRANS_ATTRIBUTES,
        open_attributes: true,
    },
    Declaration {
        name: "bin-unit",
        content: Content::Elements(&[
            one(&["bin-source"]),
            optional(&["bin-target"]),
            any_number(&[
                "context-group",
                "count-group",
                "prop-group",
                "note",
                "trans-unit",
            ]),
            OTHER,
        ]),
        attributes: &[
            required("id", Type::Text),
            required("mime-type", Type::Mime),
            attr("approved", YES_NO),
            attr("translate", YES_NO),
            attr("reformat", Type::Reformat),
            attr("ts", Type::Text),
            attr("restype", Type::Open(RESTYPES)),
            attr("resname", Type::Text),
            attr("phase-name", Type::Text),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "bin-source",
        content: Content::Elements(REFERENCE),
        attributes: &[attr("ts", Type::Text)],
        open_attributes: true,
    },
    Declaration {
        name: "bin-target",
        content: Content::Elements(REFERENCE),
        attributes: &[
            attr("mime-type", Type::Mime),
            attr("ts", Type::Text),
            attr("state", Type::Open(STATES)),
            attr("state-qualifier", Type::Open(STATE_QUALIFIERS)),
            attr("phase-name", Type::NmToken),
            attr("restype", Type::Open(RESTYPES)),
            attr("resname", Type::Text),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "g",
        content: Content::Mixed(TEXT_CONTENT),
        attributes: inline_attributes![
            attr("ctype", Type::Open(DELIMITERS)),
            attr("clone", YES_NO),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "x",
        content: Content::Empty,
        attributes: inline_attributes![
            attr("ctype", Type::Open(PLACEHOLDERS)),
            attr("clone", YES_NO),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "bx",
        content: Content::Empty,
        attributes: inline_attributes![
            attr("rid", Type::NmToken),
            attr("ctype", Type::Open(DELIMITERS)),
            attr("clone", YES_NO),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "ex",
        content: Content::Empty,
        attributes: inline_attributes![attr("rid", Type::NmToken)],
        open_attributes: true,
    },
    Declaration {
        name: "ph",
        content: Content::Mixed(SUB),
        attributes: inline_attributes![
            attr("ctype", Type::Open(PLACEHOLDERS)),
            attr("crc", Type::Text),
            attr("assoc", Type::Closed(&["preceding", "following", "both"])),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "bpt",
        content: Content::Mixed(SUB),
        attributes: inline_attributes![
            attr("rid", Type::NmToken),
            attr("ctype", Type::Open(DELIMITERS)),
            attr("crc", Type::Text),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "ept",
        content: Content::Mixed(SUB),
        attributes: inline_attributes![attr("rid", Type::NmToken), attr("crc", Type::Text)],
        open_attributes: true,
    },
    Declaration {
        name: "it",
        content: Content::Mixed(SUB),
        attributes: inline_attributes![
            required("pos", Type::Closed(&["open", "close"])),
            attr("rid", Type::NmToken),
            attr("ctype", Type::Open(DELIMITERS)),
            attr("crc", Type::Text),
        ],
        open_attributes: true,
    },
    Declaration {
        name: "sub",
        content: Content::Mixed(TEXT_CONTENT),
        attributes: &[
            attr("datatype", Type::Open(DATATYPES)),
            attr("ctype", Type::Open(DELIMITERS)),
            attr("xid", Type::Text),
        ],
        open_attributes: false,
    },
    Declaration {
        name: "mrk",
        content: Content::Mixed(TEXT_CONTENT),
        attributes: &[
            required("mtype", Type::Open(MTYPES)),
            attr("mid", Type::NmToken),
            attr("comment", Type::Text),
            attr("ts", Type::Text),
        ],
        open_attributes: true,
    },
];

fn declaration(name: &str) -> Option<&'static Declaration> {
    DECLARATIONS.iter().find(|d| d.name == name)
}

/// Whitespace collapsed, as XSD does for NMTOKEN-derived types.
fn collapse(value: &str) -> String {
    value.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_extension(value: &str) -> bool {
    value.strip_prefix("x-").is_some_and(|rest| {
        !rest.is_empty() && !rest.chars().any(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
    })
}

fn is_language(value: &str) -> bool {
    let mut parts = value.split('-');
    let first = parts.next().unwrap_or("");
    (1..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn digits(text: &str, count: usize) -> Option<u32> {
    (text.len() == count && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `xsd:dateTime`: `[-]YYYY-MM-DDThh:mm:ss[.s+][Z|(+|-)hh:mm]`.
fn is_date_time(value: &str) -> bool {
    let value = value.strip_prefix('-').unwrap_or(value);
    let Some((date, time)) = value.split_once('T') else {
        return false;
    };
    let mut date_parts = date.rsplitn(3, '-');
    let (Some(day), Some(month), Some(year)) =
        (date_parts.next(), date_parts.next(), date_parts.next())
    else {
        return false;
    };
    let year_ok = year.len() >= 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !(year.len() > 4 && year.starts_with('0'));
    let (Some(month), Some(day)) = (digits(month, 2), digits(day, 2)) else {
        return false;
    };
    let zone_at = time.find(['Z', '+', '-']);
    let (clock, zone) = match zone_at {
        Some(at) => (time.get(..at).unwrap_or(""), time.get(at..).unwrap_or("")),
        None => (time, ""),
    };
    let zone_ok = match zone {
        "" | "Z" => true,
        other => other
            .get(1..)
            .and_then(|z| z.split_once(':'))
            .is_some_and(|(h, m)| {
                digits(h, 2).is_some_and(|h| h <= 14) && digits(m, 2).is_some_and(|m| m <= 59)
            }),
    };
    let mut clock_parts = clock.splitn(3, ':');
    let (Some(hour), Some(minute), Some(second)) =
        (clock_parts.next(), clock_parts.next(), clock_parts.next())
    else {
        return false;
    };
    let (whole, fraction) = second.split_once('.').unwrap_or((second, "0"));
    let clock_ok = digits(hour, 2).is_some_and(|h| h <= 24)
        && digits(minute, 2).is_some_and(|m| m <= 59)
        && digits(whole, 2).is_some_and(|s| s <= 59)
        && !fraction.is_empty()
        && fraction.chars().all(|c| c.is_ascii_digit());
    year_ok && (1..=12).contains(&month) && (1..=31).contains(&day) && clock_ok && zone_ok
}

fn is_coordinates(value: &str) -> bool {
    let parts: Vec<&str> = value.split(';').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            *p == "#" || {
                let n = p.strip_prefix('-').unwrap_or(p);
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
            }
        })
}

fn is_mime_type(value: &str) -> bool {
    if value.contains(['\n', '\r']) {
        return false;
    }
    let top = value.split('/').next().unwrap_or("");
    let known = matches!(
        top,
        "text" | "multipart" | "message" | "application" | "image" | "audio" | "video" | "model"
    );
    // Every later part is "/" followed by at least one character.
    let rest = value.get(top.len()..).unwrap_or("");
    known && (rest.is_empty() || (rest.starts_with('/') && rest.len() > 1))
}

/// Whether `value` is of type `kind`.
fn valid(kind: Type, value: &str) -> bool {
    match kind {
        Type::Text => true,
        Type::NmToken => is_nmtoken(&collapse(value)),
        Type::Language => is_language(&collapse(value)),
        Type::XmlLang => value.is_empty() || is_language(&collapse(value)),
        Type::XmlSpace => matches!(collapse(value).as_str(), "default" | "preserve"),
        Type::DateTime => is_date_time(&collapse(value)),
        Type::Closed(values) => values.contains(&collapse(value).as_str()),
        Type::Open(values) => values.contains(&collapse(value).as_str()) || is_extension(value),
        Type::OpenText(values) => values.contains(&value) || is_extension(value),
        Type::CountKind => {
            let collapsed = collapse(value);
            [RESTYPES, COUNT_TYPES, DATATYPES, STATES, STATE_QUALIFIERS]
                .iter()
                .any(|list| list.contains(&collapsed.as_str()))
                || is_extension(value)
        }
        Type::Coordinates => is_coordinates(value),
        Type::Version => matches!(value, "1.2" | "1.1" | "1.0"),
        Type::Priority => collapse(value)
            .trim_start_matches('+')
            .parse::<u32>()
            .is_ok_and(|n| (1..=10).contains(&n)),
        Type::Purpose => value
            .split_ascii_whitespace()
            .all(|item| PURPOSES.contains(&item) || is_extension(item)),
        Type::Reformat => {
            matches!(value, "yes" | "no")
                || value
                    .split_ascii_whitespace()
                    .all(|item| REFORMAT_VALUES.contains(&item) || is_extension(item))
        }
        Type::Mime => is_mime_type(value),
    }
}

/// Checks `document`'s root and everything below it against the schema.
/// Everything outside units (which `is_unit` picks out; they may be stubs).
pub(super) fn outline(
    root: &Element,
    ns: &str,
    is_unit: &dyn Fn(&Element) -> bool,
    keys: &mut Keys,
    sink: &mut Sink,
) {
    let mut checker = Checker { ns, sink, is_unit };
    if root.local_name() != "xliff" || root.ns() != ns {
        return;
    }
    checker.element(root);
    for file in root.children_named(ns, "file") {
        let mut all = Vec::new();
        checker.descendants(file, &mut all);
        checker.identities(file, &all, keys, true);
    }
}

/// One unit in `file`, in a document whose root is in `ns`.
pub(super) fn unit(unit: &Element, file: &Element, ns: &str, keys: &mut Keys, sink: &mut Sink) {
    let mut checker = Checker {
        ns,
        sink,
        is_unit: &|_| false,
    };
    checker.element(unit);
    let mut all = vec![unit];
    checker.descendants(unit, &mut all);
    checker.identities(file, &all, keys, false);
}

/// Values that must be unique in a file, from its outline and its units as they come: for
/// each file (by where it starts), kind and value, the first place seen.
#[derive(Default)]
pub(super) struct Keys {
    seen: HashMap<(Position, &'static str), HashMap<Box<str>, Position>>,
}

struct Checker<'a> {
    ns: &'a str,
    sink: &'a mut Sink,
    is_unit: &'a dyn Fn(&Element) -> bool,
}

impl Checker<'_> {
    fn element(&mut self, element: &Element) {
        let Some(declaration) = declaration(element.local_name()) else {
            return;
        };
        self.attributes(element, declaration);
        self.content(element, declaration);
        if matches!(declaration.content, Content::Anything) {
            return;
        }
        for child in element.elements() {
            if child.ns() == self.ns && !(self.is_unit)(child) {
                self.element(child);
            }
        }
    }

    /// Every element of the namespace below `element` in document order, units (and what is
    /// in them) left out; not below elements of other namespaces, whose content the schema
    /// skips.
    fn descendants<'e>(&self, element: &'e Element, out: &mut Vec<&'e Element>) {
        for child in element.elements() {
            if child.ns() == self.ns && !(self.is_unit)(child) {
                out.push(child);
                self.descendants(child, out);
            }
        }
    }

    fn attributes(&mut self, element: &Element, declaration: &Declaration) {
        let name = element.local_name();
        for attribute in &element.attributes {
            if attribute.is_namespace_declaration() {
                continue;
            }
            let in_xml = attribute.namespace.as_deref() == Some(XML_NAMESPACE);
            let declared = declaration.attributes.iter().find(|d| {
                d.name == attribute.local_name()
                    && if d.xml {
                        in_xml
                    } else {
                        attribute.namespace.is_none()
                    }
            });
            match declared {
                Some(declared) => {
                    if !valid(declared.value, &attribute.value) {
                        self.sink.add(
                            element.position,
                            "xliff12-schema/attribute-value",
                            format!(
                                "<{name}> {}={:?} is not a valid value",
                                attribute.name, attribute.value
                            ),
                        );
                    }
                }
                None if declaration.open_attributes => {}
                None => self.sink.add(
                    element.position,
                    "xliff12-schema/attribute-not-allowed",
                    format!("<{name}> may not have the attribute {}", attribute.name),
                ),
            }
        }
        for declared in declaration.attributes.iter().filter(|d| d.required) {
            if element.attr(declared.name).is_none() {
                self.sink.add(
                    element.position,
                    "xliff12-schema/missing-attribute",
                    format!("<{name}> needs the attribute {}", declared.name),
                );
            }
        }
    }

    fn content(&mut self, element: &Element, declaration: &Declaration) {
        let name = element.local_name();
        let has_text = element.children.iter().any(|node| match node {
            Node::Text(text) => !text.value.trim().is_empty(),
            Node::CData(_) => true,
            _ => false,
        });
        let text_allowed = matches!(
            declaration.content,
            Content::Text | Content::Mixed(_) | Content::Anything
        );
        if has_text && !text_allowed {
            self.sink.add(
                element.position,
                "xliff12-schema/text-not-allowed",
                format!("<{name}> may not contain text"),
            );
        }
        let children: Vec<&Element> = element.elements().collect();
        match &declaration.content {
            Content::Anything => {}
            Content::Empty | Content::Text => {
                if let Some(first) = children.first() {
                    self.sink.add(
                        first.position,
                        "xliff12-schema/element-not-expected",
                        format!("<{name}> may not contain elements (found <{}>)", first.name),
                    );
                }
            }
            Content::Mixed(allowed) => {
                for child in children {
                    if child.ns() != self.ns || !allowed.contains(&child.local_name()) {
                        self.sink.add(
                            child.position,
                            "xliff12-schema/element-not-expected",
                            format!("<{}> is not allowed in <{name}>", child.name),
                        );
                    }
                }
            }
            Content::Elements(slots) => self.sequence(element, &children, slots),
            Content::Root => self.root_content(element, &children),
        }
    }

    /// Matches the child elements against the slots in order (the schema's content models are
    /// deterministic, so taking each child in the first slot that can hold it is exact).
    fn sequence(&mut self, parent: &Element, children: &[&Element], slots: &[Slot]) {
        let name = parent.local_name();
        let mut slot_index = 0;
        let mut used = 0u32;
        for child in children {
            let core = child.ns() == self.ns;
            let fits = |slot: &Slot| {
                if core {
                    slot.names.contains(&child.local_name())
                } else {
                    slot.other && !child.ns().is_empty()
                }
            };
            loop {
                let Some(slot) = slots.get(slot_index) else {
                    self.sink.add(
                        child.position,
                        "xliff12-schema/element-not-expected",
                        format!("<{}> is not expected here in <{name}>", child.name),
                    );
                    return;
                };
                if fits(slot) && (slot.max == 0 || used < slot.max) {
                    used += 1;
                    break;
                }
                if used < slot.min {
                    self.sink.add(
                        child.position,
                        "xliff12-schema/element-not-expected",
                        format!(
                            "<{}> is not expected here in <{name}>: <{}> must come first",
                            child.name,
                            slot.names.join("> or <")
                        ),
                    );
                    return;
                }
                slot_index += 1;
                used = 0;
            }
        }
        // The slots left must allow nothing.
        let mut index = slot_index;
        let mut count = used;
        while let Some(slot) = slots.get(index) {
            if count < slot.min {
                self.sink.add(
                    parent.position,
                    "xliff12-schema/element-missing",
                    format!("<{name}> needs <{}>", slot.names.join("> or <")),
                );
                return;
            }
            index += 1;
            count = 0;
        }
    }

    /// `xliff`: other-namespace elements and files, at least one file, ending with a file.
    fn root_content(&mut self, root: &Element, children: &[&Element]) {
        let mut ends_with_file = false;
        for child in children {
            if child.ns() == self.ns && child.local_name() == "file" {
                ends_with_file = true;
            } else if child.ns() != self.ns && !child.ns().is_empty() {
                ends_with_file = false;
            } else {
                self.sink.add(
                    child.position,
                    "xliff12-schema/element-not-expected",
                    format!("<{}> is not allowed in <xliff>", child.name),
                );
                return;
            }
        }
        if !ends_with_file {
            let at = children.last().map_or(root.position, |c| c.position);
            self.sink.add(
                at,
                "xliff12-schema/element-missing",
                "<xliff> needs a <file>, and only <file> may come last".to_string(),
            );
        }
    }

    /// The identity constraints of a `file` on `all`, elements of its outline (`outline`) or of
    /// one of its units.
    fn identities(&mut self, file: &Element, all: &[&Element], keys: &mut Keys, outline: bool) {
        let ns = self.ns;
        let named =
            |local: &'static str| all.iter().copied().filter(move |e| e.local_name() == local);
        self.file_unique(keys, file, named("group"), "id", "group id");
        self.file_unique(
            keys,
            file,
            all.iter()
                .copied()
                .filter(|e| matches!(e.local_name(), "trans-unit" | "bin-unit")),
            "id",
            "unit id",
        );
        let header = file.child(ns, "header");
        let tools: Vec<&Element> = header
            .map(|h| h.children_named(ns, "tool").collect())
            .unwrap_or_default();
        if outline {
            self.unique(tools.iter().copied(), "tool-id", "tool-id");
        }
        let tool_ids: HashSet<&str> = tools.iter().filter_map(|t| t.attr("tool-id")).collect();
        let phases: Vec<&Element> = header
            .and_then(|h| h.child(ns, "phase-group"))
            .map(|g| g.children_named(ns, "phase").collect())
            .unwrap_or_default();
        if outline {
            self.unique(phases.iter().copied(), "phase-name", "phase-name");
        }
        let phase_names: HashSet<&str> =
            phases.iter().filter_map(|p| p.attr("phase-name")).collect();
        let alt_trans = all
            .iter()
            .copied()
            .filter(|e| e.local_name() == "alt-trans");
        let header_users: Vec<&Element> = if outline {
            std::iter::once(file)
                .chain(phases.iter().copied())
                .collect()
        } else {
            Vec::new()
        };
        let tool_users = header_users.into_iter().chain(alt_trans);
        for element in tool_users {
            if let Some(id) = element.attr("tool-id") {
                if !tool_ids.contains(id) {
                    self.sink.add(
                        element.position,
                        "xliff12-schema/unknown-reference",
                        format!(
                            "<{}> tool-id {id:?} names no <tool> of the file's <header>",
                            element.local_name()
                        ),
                    );
                }
            }
        }
        let phase_users = all
            .iter()
            .copied()
            .filter(|e| matches!(e.local_name(), "count" | "trans-unit" | "target"));
        for element in phase_users {
            if let Some(name) = element.attr("phase-name") {
                if !phase_names.contains(name) {
                    self.sink.add(
                        element.position,
                        "xliff12-schema/unknown-reference",
                        format!(
                            "<{}> phase-name {name:?} names no <phase> of the file's <header>",
                            element.local_name()
                        ),
                    );
                }
            }
        }
        self.file_unique(keys, file, named("count-group"), "name", "count-group name");
        self.file_unique(
            keys,
            file,
            named("context-group"),
            "name",
            "context-group name",
        );
        self.file_unique(
            keys,
            file,
            named("external-file"),
            "uid",
            "external-file uid",
        );
        for unit in named("trans-unit").chain(named("alt-trans")) {
            self.segment_markers(unit);
        }
        for content in all
            .iter()
            .copied()
            .filter(|e| matches!(e.local_name(), "source" | "seg-source" | "target"))
        {
            self.rids(content, "bpt", "ept");
            self.rids(content, "bx", "ex");
        }
    }

    /// Values of `attribute` on `elements` must differ (where present).
    /// Values unique in the whole file, whose outline and units are checked apart: of two
    /// elements with the same value, the later in the document is reported.
    fn file_unique<'e>(
        &mut self,
        keys: &mut Keys,
        file: &Element,
        elements: impl Iterator<Item = &'e Element>,
        attribute: &str,
        what: &'static str,
    ) {
        for element in elements {
            let Some(value) = element.attr(attribute) else {
                continue;
            };
            let seen = keys.seen.entry((file.position, what)).or_default();
            let here = element.position;
            let later = match seen.get_mut(value) {
                None => {
                    seen.insert(Box::from(value), here);
                    continue;
                }
                Some(first) if (here.line, here.column) < (first.line, first.column) => {
                    std::mem::replace(first, here)
                }
                Some(_) => here,
            };
            self.sink.add(
                later,
                "xliff12-schema/not-unique",
                format!("{what} {value:?} is used twice in the <file>"),
            );
        }
    }

    fn unique<'e>(
        &mut self,
        elements: impl Iterator<Item = &'e Element>,
        attribute: &str,
        what: &str,
    ) {
        let mut seen = HashSet::new();
        for element in elements {
            if let Some(value) = element.attr(attribute) {
                if !seen.insert(value.to_string()) {
                    self.sink.add(
                        element.position,
                        "xliff12-schema/not-unique",
                        format!("{what} {value:?} is used twice in the <file>"),
                    );
                }
            }
        }
    }

    /// In a `trans-unit` (or `alt-trans`): the `mid`s of the segment markers directly in
    /// `seg-source` are unique, and those of markers directly in `target` (and of a unit's
    /// `alt-trans`) are among them.
    fn segment_markers(&mut self, unit: &Element) {
        let ns = self.ns;
        let markers: Vec<&Element> = unit
            .child(ns, "seg-source")
            .map(|s| s.children_named(ns, "mrk").collect())
            .unwrap_or_default();
        self.unique_in(markers.iter().copied(), "mid", "segment marker mid");
        let mids: HashSet<&str> = markers.iter().filter_map(|m| m.attr("mid")).collect();
        let mut referring: Vec<&Element> = unit
            .children_named(ns, "target")
            .flat_map(|t| t.children_named(ns, "mrk"))
            .collect();
        if unit.local_name() == "trans-unit" {
            referring.extend(unit.children_named(ns, "alt-trans"));
        }
        for element in referring {
            if let Some(mid) = element.attr("mid") {
                if !mids.contains(mid) {
                    self.sink.add(
                        element.position,
                        "xliff12-schema/unknown-reference",
                        format!(
                            "<{}> mid {mid:?} names no <mrk> directly in <seg-source>",
                            element.local_name()
                        ),
                    );
                }
            }
        }
    }

    /// Like [`Checker::unique`], with the finding worded for one element.
    fn unique_in<'e>(
        &mut self,
        elements: impl Iterator<Item = &'e Element>,
        attribute: &str,
        what: &str,
    ) {
        let mut seen = HashSet::new();
        for element in elements {
            if let Some(value) = element.attr(attribute) {
                if !seen.insert(value) {
                    self.sink.add(
                        element.position,
                        "xliff12-schema/not-unique",
                        format!("{what} {value:?} is used twice"),
                    );
                }
            }
        }
    }

    /// In one `source`, `seg-source` or `target`: the `rid`s of `opening` elements are unique,
    /// and each `rid` of a `closing` element names one of them.
    fn rids(&mut self, content: &Element, opening: &str, closing: &str) {
        let mut inside = Vec::new();
        self.descendants(content, &mut inside);
        let openings = inside.iter().copied().filter(|e| e.local_name() == opening);
        self.unique_in(openings.clone(), "rid", &format!("<{opening}> rid"));
        let known: HashSet<&str> = openings.filter_map(|e| e.attr("rid")).collect();
        for element in inside.iter().filter(|e| e.local_name() == closing) {
            if let Some(rid) = element.attr("rid") {
                if !known.contains(rid) {
                    self.sink.add(
                        element.position,
                        "xliff12-schema/unknown-reference",
                        format!(
                            "<{closing}> rid {rid:?} names no <{opening}> in the same <{}>",
                            content.local_name()
                        ),
                    );
                }
            }
        }
    }
}
