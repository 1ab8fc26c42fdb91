//! Type strings of interned types: the `Str` of descriptors as gc's
//! runtime and reflect print them (`fmtTypeIDName`: packages by name,
//! `main.T`, `struct { X int; y string }`, `interface { M() }`), and
//! gc's link strings (`fmtTypeID`: packages by import path, unexported
//! field and method names qualified), used for itab symbols and the type
//! arguments of instance names.

use crate::overlay::Subst;

use types::ty::{ChanDir, Type};

use super::{is_exported, Kind, TypeDescs, N};

impl TypeDescs {
    /// `n`'s `Str` (without gc's extra leading `*`).
    pub(crate) fn str_of(&self, s: &impl Subst, n: N) -> String {
        let mut b = String::new();
        self.fmt_type(s, n, false, &mut b);
        b
    }

    /// `n`'s link string.
    pub(crate) fn link_string(&self, s: &impl Subst, n: N) -> String {
        let mut b = String::new();
        self.fmt_type(s, n, true, &mut b);
        b
    }

    fn qualifier(&self, s: &impl Subst, pkg: types::arena::PkgIdx, link: bool) -> String {
        if link {
            crate::names::pkg_prefix(s, pkg)
        } else {
            s.package(pkg).0.to_string()
        }
    }

    fn fmt_type(&self, s: &impl Subst, n: N, link: bool, b: &mut String) {
        let node = &self.nodes[n];
        if let Some(m) = node.group_of {
            if let Kind::Map(k, v) = self.shape(m) {
                b.push_str("map.group[");
                self.fmt_type(s, *k, link, b);
                b.push(']');
                self.fmt_type(s, *v, link, b);
                return;
            }
        }
        match &node.kind {
            Kind::Basic(k) => b.push_str(super::CanonicalName::name_canonical(*k)),
            Kind::Named(t) => {
                if let Type::Named(nn) = s.ty(*t) {
                    let o = s.obj(nn.obj);
                    if let Some(p) = o.pkg {
                        b.push_str(&self.qualifier(s, p, link));
                        b.push('.');
                    }
                    b.push_str(o.name.as_str());
                    if !node.targs.is_empty() {
                        b.push('[');
                        for (i, &a) in node.targs.iter().enumerate() {
                            if i > 0 {
                                b.push(',');
                            }
                            self.fmt_type(s, a, true, b);
                        }
                        b.push(']');
                    }
                }
            }
            Kind::Ptr(e) => {
                b.push('*');
                self.fmt_type(s, *e, link, b);
            }
            Kind::Slice(e) => {
                b.push_str("[]");
                self.fmt_type(s, *e, link, b);
            }
            Kind::Array(len, e) => {
                b.push_str(&format!("[{len}]"));
                self.fmt_type(s, *e, link, b);
            }
            Kind::Map(k, v) => {
                b.push_str("map[");
                self.fmt_type(s, *k, link, b);
                b.push(']');
                self.fmt_type(s, *v, link, b);
            }
            Kind::Chan(d, e) => match d {
                ChanDir::Recv => {
                    b.push_str("<-chan ");
                    self.fmt_type(s, *e, link, b);
                }
                ChanDir::Send => {
                    b.push_str("chan<- ");
                    self.fmt_type(s, *e, link, b);
                }
                ChanDir::Both => {
                    b.push_str("chan ");
                    let paren = matches!(self.nodes[*e].kind, Kind::Chan(ChanDir::Recv, _));
                    if paren {
                        b.push('(');
                    }
                    self.fmt_type(s, *e, link, b);
                    if paren {
                        b.push(')');
                    }
                }
            },
            Kind::Func { .. } => {
                b.push_str("func");
                self.fmt_sig(s, n, link, b);
            }
            Kind::Interface(ms) => {
                if ms.is_empty() {
                    b.push_str("interface {}");
                    return;
                }
                b.push_str("interface {");
                for (i, m) in ms.iter().enumerate() {
                    if i > 0 {
                        b.push(';');
                    }
                    b.push(' ');
                    if !is_exported(&m.name) {
                        if let Some(p) = m.pkg {
                            b.push_str(&self.qualifier(s, p, link));
                            b.push('.');
                        }
                    }
                    b.push_str(&m.name);
                    self.fmt_sig(s, m.typ, link, b);
                }
                b.push_str(" }");
            }
            Kind::Struct(fields) => {
                b.push_str("struct {");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        b.push(';');
                    }
                    b.push(' ');
                    if !f.embedded {
                        if link && !is_exported(&f.name) {
                            if let Some(p) = f.pkg {
                                b.push_str(&self.qualifier(s, p, true));
                                b.push('.');
                            }
                        }
                        b.push_str(&f.name);
                        b.push(' ');
                    }
                    self.fmt_type(s, f.typ, link, b);
                    if !f.tag.is_empty() {
                        b.push(' ');
                        b.push_str(&quote(&f.tag));
                    }
                }
                if !fields.is_empty() {
                    b.push(' ');
                }
                b.push('}');
            }
        }
    }

    /// `(params) results` of a function type.
    fn fmt_sig(&self, s: &impl Subst, n: N, link: bool, b: &mut String) {
        let Kind::Func {
            params,
            results,
            variadic,
        } = &self.nodes[n].kind
        else {
            return;
        };
        b.push('(');
        for (i, &p) in params.iter().enumerate() {
            if i > 0 {
                b.push_str(", ");
            }
            if *variadic && i + 1 == params.len() {
                b.push_str("...");
                match self.nodes[p].kind {
                    Kind::Slice(e) => self.fmt_type(s, e, link, b),
                    _ => self.fmt_type(s, p, link, b),
                }
            } else {
                self.fmt_type(s, p, link, b);
            }
        }
        b.push(')');
        match results.len() {
            0 => {}
            1 => {
                b.push(' ');
                self.fmt_type(s, results[0], link, b);
            }
            _ => {
                b.push_str(" (");
                for (i, &r) in results.iter().enumerate() {
                    if i > 0 {
                        b.push_str(", ");
                    }
                    self.fmt_type(s, r, link, b);
                }
                b.push(')');
            }
        }
    }
}

/// Go's `strconv.Quote`.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32))
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
