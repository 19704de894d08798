//! Who is looking at a page, in which language, and the HTML answer.
//!
//! Signing in keeps the bearer token in a cookie that scripts cannot read
//! (`HttpOnly`), that is only sent over HTTPS or to this machine (`Secure`;
//! browsers treat `localhost` and `127.0.0.1` as secure) and never with a
//! request started by another site (`SameSite=Strict`). Forms that change
//! something also check that the request comes from this site's own pages.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::access::token_of_headers;
use crate::render::Lang;
use crate::service::Service;
use crate::service::tokens::{Caller, Role};
use crate::table::esc;

pub const TOKEN_COOKIE: &str = "nocure_token";
pub const LANG_COOKIE: &str = "nocure_lang";

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(name).and_then(|r| r.strip_prefix('=')))
        .map(str::to_string)
        .next()
}

/// The page language: `?lang=` (remembered in a cookie), else the cookie,
/// else the browser's first choice between Danish and English, else Danish.
/// Returns the language and whether to remember it.
pub fn lang(headers: &HeaderMap, param: Option<&str>) -> (Lang, bool) {
    match param {
        Some("en") => return (Lang::En, true),
        Some("da") => return (Lang::Da, true),
        _ => {}
    }
    match cookie(headers, LANG_COOKIE).as_deref() {
        Some("en") => return (Lang::En, false),
        Some("da") => return (Lang::Da, false),
        _ => {}
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let first =
        accept.split(',').map(|s| s.trim().to_ascii_lowercase()).find(|s| s.starts_with("da") || s.starts_with("en"));
    match first {
        Some(s) if s.starts_with("en") => (Lang::En, false),
        _ => (Lang::Da, false),
    }
}

pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Da => "da",
    }
}

/// The signed-in caller, if the cookie (or a bearer header) holds a valid token.
pub fn caller(svc: &Service, headers: &HeaderMap) -> Option<Caller> {
    let token = token_of_headers(headers)?;
    svc.authenticate(&token).ok().flatten()
}

/// Whether a form post comes from this site: `Origin` (or `Referer`), when
/// the browser sends one, names this host.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let from = headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|v| v.to_str().ok());
    match from {
        None => true,
        Some(o) => {
            let rest = o.strip_prefix("https://").or_else(|| o.strip_prefix("http://")).unwrap_or("");
            rest.split('/').next() == Some(host)
        }
    }
}

/// The page a role lands on after signing in.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Committee => "/committee",
        Role::Finance => "/finance",
        Role::Procurement => "/procurement",
        Role::Caseworker | Role::Supplier => "/",
    }
}

/// An HTML answer: no caching (pages hold figures for signed-in users),
/// a strict content security policy (no scripts at all), and the language
/// cookie when it was chosen.
pub fn html(status: StatusCode, lang: (Lang, bool), body: String) -> Response {
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if lang.1
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang_code(lang.0)
        ))
    {
        h.append(header::SET_COOKIE, v);
    }
    res
}

/// See other: the answer to a form post.
pub fn redirect(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The cookie that signs a browser in (or, with `None`, out).
pub fn token_cookie(token: Option<&str>) -> HeaderValue {
    let text = match token {
        Some(t) => format!("{TOKEN_COOKIE}={t}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=43200"),
        None => format!("{TOKEN_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"),
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The caller if signed in with one of `roles`; else the answer to give:
/// the sign-in page (not signed in) or a 403 page (wrong role).
pub fn require(
    svc: &Service,
    headers: &HeaderMap,
    lang: (Lang, bool),
    path: &str,
    roles: &[Role],
) -> Result<Caller, Box<Response>> {
    let Some(caller) = caller(svc, headers) else {
        return Err(Box::new(redirect(&format!("/login?next={}", urlencode(path)))));
    };
    if !roles.contains(&caller.role) {
        let l = lang.0;
        let body = super::layout::page(
            l,
            l.pick("Not for your role", "Ikke for din rolle"),
            Some(&caller),
            path,
            &format!(
                "<h1>{}</h1><p>{}</p>",
                esc(l.pick("Not for your role", "Ikke for din rolle")),
                esc(&match l {
                    Lang::En =>
                        format!("The {} role cannot open this page.", super::layout::role_label(caller.role, l)),
                    Lang::Da =>
                        format!("Rollen {} kan ikke åbne denne side.", super::layout::role_label(caller.role, l)),
                })
            ),
        );
        return Err(Box::new(html(StatusCode::FORBIDDEN, lang, body)));
    }
    Ok(caller)
}

/// A page: where it is, its title, and who may open it.
pub struct PageDef {
    pub path: &'static str,
    pub en: &'static str,
    pub da: &'static str,
    pub roles: &'static [Role],
}

/// A signed-in visit to a page: who, and in which language.
pub struct Visit {
    pub caller: Caller,
    pub lang: (Lang, bool),
    page: &'static PageDef,
}

impl Visit {
    /// The visit, or the answer to give instead (sign in, or 403).
    pub fn start(
        svc: &Service,
        headers: &HeaderMap,
        lang_param: Option<&str>,
        page: &'static PageDef,
    ) -> Result<Visit, Box<Response>> {
        let lang = lang(headers, lang_param);
        let caller = require(svc, headers, lang, page.path, page.roles)?;
        Ok(Visit { caller, lang, page })
    }

    pub fn l(&self) -> Lang {
        self.lang.0
    }

    /// The page with `body` in the shared frame.
    pub fn respond(&self, status: StatusCode, body: &str) -> Response {
        self.respond_at(status, body, self.page.path)
    }

    /// The same, with the page's state in `here` (its path and encoded
    /// query), which the language switch keeps.
    pub fn respond_at(&self, status: StatusCode, body: &str, here: &str) -> Response {
        let l = self.l();
        html(
            status,
            self.lang,
            super::layout::page(l, l.pick(self.page.en, self.page.da), Some(&self.caller), here, body),
        )
    }
}

/// Percent-encodes a query value.
pub fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_language_comes_from_the_switch_the_cookie_or_the_browser() {
        assert_eq!(lang(&headers(&[]), Some("en")), (Lang::En, true));
        assert_eq!(lang(&headers(&[("cookie", "a=b; nocure_lang=en")]), None), (Lang::En, false));
        assert_eq!(lang(&headers(&[("accept-language", "en-GB,en;q=0.9,da;q=0.8")]), None), (Lang::En, false));
        assert_eq!(lang(&headers(&[("accept-language", "de,da;q=0.5,en;q=0.4")]), None), (Lang::Da, false));
        assert_eq!(lang(&headers(&[]), None), (Lang::Da, false));
    }

    #[test]
    fn a_form_from_another_site_is_refused() {
        assert!(same_origin(&headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")])));
        assert!(!same_origin(&headers(&[("host", "127.0.0.1:8080"), ("origin", "https://evil.example")])));
        assert!(same_origin(&headers(&[("host", "127.0.0.1:8080")])), "no Origin: a same-site navigation or curl");
    }

    #[test]
    fn the_sign_in_cookie_is_http_only_secure_and_strict() {
        let c = token_cookie(Some("nc_x"));
        let text = c.to_str().unwrap();
        for part in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
            assert!(text.contains(part), "{text}");
        }
    }
}
