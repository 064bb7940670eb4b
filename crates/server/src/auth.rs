//! Who may call: only those holding the run's token.

use axum::http::{HeaderMap, header};
use axum::response::Response;
use dossier_api::{ApiError, ErrorCode};

/// A fresh random token: 32 bytes from the operating system, as hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether the request carries `Authorization: Bearer TOKEN` with the run's token.
pub(crate) fn has_bearer(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| same_token(given, token))
}

/// The answer to a call without the right token.
pub(crate) fn unauthorized() -> Response {
    let error = ApiError::new(
        ErrorCode::Unauthorized,
        "missing or wrong token: send the token printed by `dossier serve` as `Authorization: Bearer TOKEN`",
    );
    crate::error_response(error)
}

/// Compares tokens in time independent of where they differ.
pub(crate) fn same_token(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_exactly() {
        let a = new_token().expect("os randomness");
        let b = new_token().expect("os randomness");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..63]));
    }
}
