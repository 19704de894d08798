//! Reading an uploaded file or pasted text from a form (multipart).

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::StatusCode;

use crate::render::Lang;

/// What a form sent: the file's or the text box's content.
#[derive(Debug, Default)]
pub struct Upload {
    /// The uploaded file's content if a file was chosen, else the pasted text.
    pub text: Option<String>,
    /// The uploaded file's name, for messages.
    pub name: Option<String>,
}

/// Reads the form. Handlers take the form as a `Result` and call this only
/// after the sign-in is checked, so that a caller who may not use the form
/// is answered before its body is read (or found not to be a form).
/// An error is the status to answer (400 for a form that cannot be read,
/// 413 for one too large, 422 for a file that is not text) and what to say.
pub async fn read(form: Result<Multipart, MultipartRejection>, lang: Lang) -> Result<Upload, (StatusCode, String)> {
    let unreadable = lang.pick("The form could not be read", "Formularen kunne ikke læses");
    // The reader's own reason is English: a Danish page says only what failed.
    let why = |detail: String| match lang {
        Lang::En => format!("{unreadable}: {detail}"),
        Lang::Da => format!("{unreadable}; send den igen fra siden."),
    };
    let mut form = form.map_err(|e| (e.status(), why(e.body_text())))?;
    let mut up = Upload::default();
    let mut pasted = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err((e.status(), why(e.body_text()))),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| (e.status(), why(e.body_text())))?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            let msg = lang.pick("The file is not UTF-8 text", "Filen er ikke UTF-8-tekst");
            (StatusCode::UNPROCESSABLE_ENTITY, msg.to_string())
        })?;
        match name.as_str() {
            "file" if !text.trim().is_empty() => {
                up.text = Some(text);
                up.name = file_name.filter(|n| !n.is_empty());
            }
            "file" => {}
            "text" => pasted = Some(text).filter(|t| !t.trim().is_empty()),
            other => {
                let msg = match lang {
                    Lang::En => format!("The form has no field `{other}`; it takes file and text"),
                    Lang::Da => format!("Formularen har intet felt »{other}«; den har kun en fil og et tekstfelt"),
                };
                return Err((StatusCode::UNPROCESSABLE_ENTITY, msg));
            }
        }
    }
    if up.text.is_none() {
        up.text = pasted;
    }
    Ok(up)
}
