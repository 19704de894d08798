//! The HTML answer to a browser for an unknown page or a request the
//! server refuses before a page handler runs (a form too large, a method a
//! page does not take, a timeout): a page with a heading in the reader's
//! language, not the API's problem document. The API's clients (which do
//! not ask for HTML) keep getting problem documents.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use super::layout::page;
use super::session::{html, lang};
use crate::render::Lang;
use crate::table::esc;

/// Whether the request asks for HTML first, as a browser navigating does.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.split(',').next().is_some_and(|first| first.trim().starts_with("text/html")))
}

fn words(status: StatusCode, lang: Lang) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => (
            lang.pick("Page not found", "Siden findes ikke"),
            lang.pick("There is no page at this address.", "Der er ingen side på denne adresse."),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            lang.pick("This page cannot be used like that", "Siden kan ikke bruges sådan"),
            lang.pick("Open the page from the menu and use its form.", "Åbn siden fra menuen, og brug dens formular."),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            lang.pick("The file is too large", "Filen er for stor"),
            lang.pick(
                "The server does not take a file this large. Nothing was stored.",
                "Serveren modtager ikke så stor en fil. Intet er gemt.",
            ),
        ),
        StatusCode::REQUEST_TIMEOUT => (
            lang.pick("It took too long", "Det tog for lang tid"),
            lang.pick(
                "The request was stopped. Nothing was stored; try again.",
                "Forespørgslen blev stoppet. Intet er gemt; prøv igen.",
            ),
        ),
        s if s.is_server_error() => (
            lang.pick("Something went wrong", "Der opstod en fejl"),
            lang.pick(
                "The server could not answer. Nothing was stored; try again later.",
                "Serveren kunne ikke svare. Intet er gemt; prøv igen senere.",
            ),
        ),
        _ => (
            lang.pick("The request was refused", "Forespørgslen blev afvist"),
            lang.pick("Go back and try again.", "Gå tilbage, og prøv igen."),
        ),
    }
}

/// The error page for `status`, in the language the request asks for.
pub fn answer(status: StatusCode, path: &str, headers: &HeaderMap) -> Response {
    let lang = lang(headers, None);
    let l = lang.0;
    let (heading, text) = words(status, l);
    let body = format!(
        "<h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p>",
        esc(heading),
        esc(text),
        l.pick("To the front page", "Til forsiden")
    );
    let here = if path.starts_with('/') && !path.starts_with("//") { path } else { "/" };
    html(status, lang, page(l, heading, None, here, &body))
}
