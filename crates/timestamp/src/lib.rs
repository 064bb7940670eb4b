//! RFC 3161 trusted timestamps: proof, from an authority outside the case, that a document's
//! original existed with its exact bytes at a given time.
//!
//! Dossier writes a standard `TimeStampReq` over the SHA-256 of an original ([`request`]);
//! the user sends it to any time-stamp authority (TSA), e.g.
//! `curl --data-binary @F.tsq -H 'Content-Type: application/timestamp-query' https://freetsa.org/tsr`,
//! and gives back its `TimeStampResp`. [`read_response`] takes the token out of it and
//! [`Token::read`] checks it completely: the CMS `SignedData` holds a `TSTInfo` whose
//! content-type and message-digest signed attributes match it, signed (RSA PKCS #1 v1.5 or
//! ECDSA P-256) by a certificate carried in the token whose extended key usage is
//! time-stamping. The caller then compares the token's message imprint with the original's
//! hash and its nonce with the one it asked for ([`Token::check_answers`]).
//!
//! What this does not do: it does not decide whether to trust the authority. A token
//! proves the TSA's certificate signed it; whether that certificate chains to a CA the user
//! trusts is a separate question ([`Token::issued_by`] answers it for a CA certificate the
//! user names). `GeneralizedTime` with fractional seconds (some commercial TSAs) is not
//! read by `der` 0.7 and is reported as a malformed token.
//!
//! The `rsa` crate's advisory (RUSTSEC-2023-0071, timing of private-key operations) does not
//! apply: only public keys are used here, to verify.

use chrono::{DateTime, SecondsFormat, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{Int, OctetString};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use sha2::Digest as _;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::ext::pkix::name::GeneralName;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA1_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ID_CE_EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
const ID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");

/// Why a request could not be written or a response or token not accepted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimestampError {
    /// The bytes are not the DER structure they should be.
    #[error("not a valid {what}: {reason}")]
    Malformed {
        /// What was expected (`TimeStampResp`, `TSTInfo`…).
        what: &'static str,
        /// The decoder's reason.
        reason: String,
    },
    /// The authority refused the request (its PKIStatus and any text it sent).
    #[error("the time-stamp authority refused the request: {0}")]
    Refused(String),
    /// The signature or a signed attribute does not check out.
    #[error("the token's signature does not verify: {0}")]
    BadSignature(String),
    /// The token is sound but answers another question (another hash, another nonce).
    #[error("{0}")]
    Mismatch(String),
    /// An algorithm this reader does not implement.
    #[error("unsupported {what} {oid}")]
    Unsupported {
        /// What kind of algorithm.
        what: &'static str,
        /// Its OID.
        oid: String,
    },
    /// No random bytes for the nonce.
    #[error("no random bytes for the nonce: {0}")]
    Random(String),
}

/// This module's result.
pub type Result<T> = std::result::Result<T, TimestampError>;

fn malformed(what: &'static str) -> impl Fn(der::Error) -> TimestampError {
    move |e| TimestampError::Malformed {
        what,
        reason: e.to_string(),
    }
}

/// A time-stamp request ready to send, and the nonce the answer must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The `TimeStampReq`, DER (a `.tsq` file).
    pub der: Vec<u8>,
    /// The nonce, lowercase hex of its big-endian bytes.
    pub nonce: String,
}

/// Writes a `TimeStampReq` (version 1, SHA-256, a random 64-bit nonce, the authority's
/// certificate asked for so the token can be checked on its own) over `sha256`.
pub fn request(sha256: &[u8; 32]) -> Result<Request> {
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| TimestampError::Random(e.to_string()))?;
    // Positive and minimal as a DER INTEGER: top bit clear, first byte never zero.
    nonce[0] = (nonce[0] & 0x3f) | 0x40;
    request_with_nonce(sha256, &nonce)
}

fn request_with_nonce(sha256: &[u8; 32], nonce: &[u8]) -> Result<Request> {
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: ID_SHA_256,
                parameters: Some(Any::null()),
            },
            hashed_message: OctetString::new(sha256.to_vec())
                .map_err(malformed("message imprint"))?,
        },
        req_policy: None,
        nonce: Some(Int::new(nonce).map_err(malformed("nonce"))?),
        cert_req: true,
        extensions: None,
    };
    Ok(Request {
        der: req.to_der().map_err(malformed("TimeStampReq"))?,
        nonce: hex(nonce),
    })
}

/// Takes the token out of a `TimeStampResp` (a `.tsr` file), refusing a response whose
/// status is not granted, and checks it as [`Token::read`] does.
pub fn read_response(bytes: &[u8]) -> Result<Token> {
    let response = TimeStampResp::from_der(bytes).map_err(malformed("TimeStampResp"))?;
    let status = response.status.status as u8;
    // 0 granted, 1 granted with modifications; anything else carries no token.
    if status > 1 {
        let text: Vec<String> = response
            .status
            .status_string
            .iter()
            .flat_map(|s| s.iter())
            .map(|s| s.to_string())
            .collect();
        return Err(TimestampError::Refused(format!(
            "status {:?}{}{}",
            response.status.status,
            if text.is_empty() { "" } else { ": " },
            text.join("; ")
        )));
    }
    let token = response
        .time_stamp_token
        .ok_or_else(|| TimestampError::Malformed {
            what: "TimeStampResp",
            reason: "granted but carries no token".into(),
        })?;
    Token::read(&token.to_der().map_err(malformed("TimeStampToken"))?)
}

/// A time-stamp token whose signature has been verified, with what it states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token (a CMS `ContentInfo`), DER, as the authority sent it.
    pub der: Vec<u8>,
    /// When the authority says it saw the hash, RFC 3339 UTC.
    pub gen_time: String,
    /// The authority: the `tsa` name of the `TSTInfo`, else its signing certificate's subject.
    pub tsa: String,
    /// The token's serial number, hex.
    pub serial: String,
    /// The authority's policy OID under which it was issued.
    pub policy: String,
    /// The hash algorithm of the message imprint (`sha256`…).
    pub imprint_algorithm: String,
    /// The hash it covers, hex.
    pub imprint: String,
    /// The nonce it answers, hex, when it carries one.
    pub nonce: Option<String>,
    /// The signing certificate, DER.
    signer: Vec<u8>,
}

impl Token {
    /// Reads a `TimeStampToken` and verifies its signature against the certificate it
    /// carries (see the module doc for every check).
    pub fn read(der: &[u8]) -> Result<Token> {
        let info = ContentInfo::from_der(der).map_err(malformed("TimeStampToken"))?;
        if info.content_type != ID_SIGNED_DATA {
            return Err(TimestampError::Malformed {
                what: "TimeStampToken",
                reason: format!("content type {} is not signed data", info.content_type),
            });
        }
        let signed: SignedData = info
            .content
            .decode_as()
            .map_err(malformed("CMS SignedData"))?;
        if signed.encap_content_info.econtent_type != ID_CT_TST_INFO {
            return Err(TimestampError::Malformed {
                what: "TimeStampToken",
                reason: format!(
                    "it encloses {}, not a TSTInfo",
                    signed.encap_content_info.econtent_type
                ),
            });
        }
        let content = signed.encap_content_info.econtent.as_ref().ok_or_else(|| {
            TimestampError::Malformed {
                what: "TimeStampToken",
                reason: "its TSTInfo is missing".into(),
            }
        })?;
        let content: OctetString = content.decode_as().map_err(malformed("TSTInfo"))?;
        let tst = TstInfo::from_der(content.as_bytes()).map_err(malformed("TSTInfo"))?;
        let signer_info = signed
            .signer_infos
            .0
            .iter()
            .next()
            .ok_or_else(|| TimestampError::BadSignature("the token has no signer".into()))?;
        let certificate = signing_certificate(&signed, signer_info)?;
        verify_signer(signer_info, &certificate, content.as_bytes())?;
        if !is_time_stamping_certificate(&certificate)? {
            return Err(TimestampError::BadSignature(format!(
                "the signing certificate ({}) is not for time-stamping (its extended key usage lacks id-kp-timeStamping)",
                certificate.tbs_certificate.subject
            )));
        }
        let gen_time = DateTime::<Utc>::from(tst.gen_time.to_system_time())
            .to_rfc3339_opts(SecondsFormat::Secs, true);
        let tsa = match &tst.tsa {
            Some(GeneralName::DirectoryName(name)) => name.to_string(),
            Some(other) => format!("{other:?}"),
            None => certificate.tbs_certificate.subject.to_string(),
        };
        Ok(Token {
            der: der.to_vec(),
            gen_time,
            tsa,
            serial: hex(tst.serial_number.as_bytes()),
            policy: tst.policy.to_string(),
            imprint_algorithm: digest_name(&tst.message_imprint.hash_algorithm.oid)?.into(),
            imprint: hex(tst.message_imprint.hashed_message.as_bytes()),
            nonce: tst.nonce.as_ref().map(|n| hex(n.as_bytes())),
            signer: certificate.to_der().map_err(malformed("certificate"))?,
        })
    }

    /// Checks that the token answers this request: it covers `sha256` (hex) with SHA-256
    /// and, when `nonce` is given, carries that nonce.
    pub fn check_answers(&self, sha256: &str, nonce: Option<&str>) -> Result<()> {
        if self.imprint_algorithm != "sha256" || !self.imprint.eq_ignore_ascii_case(sha256) {
            return Err(TimestampError::Mismatch(format!(
                "the token covers {} {}, not the original's SHA-256 {sha256}",
                self.imprint_algorithm, self.imprint
            )));
        }
        if let Some(expected) = nonce {
            let found = self.nonce.as_deref().map(strip_zero_bytes);
            if found != Some(strip_zero_bytes(expected)) {
                return Err(TimestampError::Mismatch(format!(
                    "the token's nonce ({}) is not the request's ({expected}): it answers another request",
                    self.nonce.as_deref().unwrap_or("none")
                )));
            }
        }
        Ok(())
    }

    /// The signing certificate's subject.
    pub fn signer_subject(&self) -> String {
        Certificate::from_der(&self.signer)
            .map(|c| c.tbs_certificate.subject.to_string())
            .unwrap_or_default()
    }

    /// Checks that the signing certificate was issued (signed) by `ca`, a certificate in
    /// DER or PEM, and names both when it was not.
    pub fn issued_by(&self, ca: &[u8]) -> Result<()> {
        let ca = read_certificate(ca)?;
        let signer = Certificate::from_der(&self.signer).map_err(malformed("certificate"))?;
        let tbs = signer
            .tbs_certificate
            .to_der()
            .map_err(malformed("certificate"))?;
        let signature = signer.signature.raw_bytes();
        verify_with_key(
            &ca.tbs_certificate.subject_public_key_info,
            &signer.signature_algorithm.oid,
            None,
            &tbs,
            signature,
        )
        .map_err(|_| {
            TimestampError::BadSignature(format!(
                "the authority's certificate ({}) was not issued by {}",
                signer.tbs_certificate.subject, ca.tbs_certificate.subject
            ))
        })
    }
}

/// Reads a certificate in DER or PEM.
fn read_certificate(bytes: &[u8]) -> Result<Certificate> {
    if bytes.starts_with(b"-----BEGIN") {
        use der::DecodePem as _;
        Certificate::from_pem(bytes).map_err(malformed("PEM certificate"))
    } else {
        Certificate::from_der(bytes).map_err(malformed("certificate"))
    }
}

/// The certificate in the token that the signer names.
fn signing_certificate(signed: &SignedData, signer: &SignerInfo) -> Result<Certificate> {
    let certificates = signed.certificates.as_ref().map(|set| set.0.iter());
    for choice in certificates.into_iter().flatten() {
        let CertificateChoices::Certificate(cert) = choice else {
            continue;
        };
        let matches = match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                id.issuer == cert.tbs_certificate.issuer
                    && id.serial_number == cert.tbs_certificate.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => cert
                .tbs_certificate
                .get::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
                .ok()
                .flatten()
                .is_some_and(|(_, own)| own.0 == ski.0),
        };
        if matches {
            return Ok(cert.clone());
        }
    }
    Err(TimestampError::BadSignature(
        "the token does not carry its signing certificate (ask with certReq, as `dossier timestamp request` does)"
            .into(),
    ))
}

fn is_time_stamping_certificate(cert: &Certificate) -> Result<bool> {
    let Some(extensions) = &cert.tbs_certificate.extensions else {
        return Ok(false);
    };
    for ext in extensions {
        if ext.extn_id == ID_CE_EXT_KEY_USAGE {
            let usage = ExtendedKeyUsage::from_der(ext.extn_value.as_bytes())
                .map_err(malformed("extended key usage"))?;
            return Ok(usage.0.contains(&ID_KP_TIME_STAMPING));
        }
    }
    Ok(false)
}

/// Checks the signed attributes (content type TSTInfo, message digest of `content`) and the
/// signature over them.
fn verify_signer(signer: &SignerInfo, certificate: &Certificate, content: &[u8]) -> Result<()> {
    let digest_oid = signer.digest_alg.oid;
    let attributes = signer.signed_attrs.as_ref().ok_or_else(|| {
        TimestampError::BadSignature("it has no signed attributes (RFC 3161 requires them)".into())
    })?;
    let mut content_type_ok = false;
    let mut digest_ok = false;
    let content_digest = digest(&digest_oid, content)?;
    for attribute in attributes.iter() {
        let Some(value) = attribute.values.iter().next() else {
            continue;
        };
        if attribute.oid == ID_CONTENT_TYPE {
            let oid: ObjectIdentifier = value.decode_as().map_err(malformed("content type"))?;
            content_type_ok = oid == ID_CT_TST_INFO;
        } else if attribute.oid == ID_MESSAGE_DIGEST {
            let found: OctetString = value.decode_as().map_err(malformed("message digest"))?;
            digest_ok = found.as_bytes() == content_digest.as_slice();
        }
    }
    if !content_type_ok {
        return Err(TimestampError::BadSignature(
            "its signed content type is not TSTInfo".into(),
        ));
    }
    if !digest_ok {
        return Err(TimestampError::BadSignature(
            "the signed message digest does not match the TSTInfo (the token was altered)".into(),
        ));
    }
    // The signature covers the attributes DER-encoded as a SET OF (RFC 5652 5.4).
    let signed_bytes = attributes
        .to_der()
        .map_err(malformed("signed attributes"))?;
    verify_with_key(
        &certificate.tbs_certificate.subject_public_key_info,
        &signer.signature_algorithm.oid,
        Some(&digest_oid),
        &signed_bytes,
        signer.signature.as_bytes(),
    )
}

/// Verifies `signature` over `message` with the key in `spki`. `algorithm` is the
/// signature algorithm; a bare `rsaEncryption` takes its hash from `digest_oid`.
fn verify_with_key(
    spki: &spki::SubjectPublicKeyInfoOwned,
    algorithm: &ObjectIdentifier,
    digest_oid: Option<&ObjectIdentifier>,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    let key_der = spki.to_der().map_err(malformed("public key"))?;
    let bad = |e: String| TimestampError::BadSignature(e);
    if spki.algorithm.oid == RSA_ENCRYPTION {
        use rsa::pkcs8::DecodePublicKey as _;
        let key = rsa::RsaPublicKey::from_public_key_der(&key_der)
            .map_err(|e| bad(format!("the RSA key cannot be read: {e}")))?;
        let hash = match *algorithm {
            SHA1_WITH_RSA => ID_SHA_1,
            SHA256_WITH_RSA => ID_SHA_256,
            SHA384_WITH_RSA => ID_SHA_384,
            SHA512_WITH_RSA => ID_SHA_512,
            RSA_ENCRYPTION => *digest_oid.ok_or_else(|| TimestampError::Unsupported {
                what: "signature algorithm",
                oid: algorithm.to_string(),
            })?,
            _ => {
                return Err(TimestampError::Unsupported {
                    what: "signature algorithm",
                    oid: algorithm.to_string(),
                });
            }
        };
        let hashed = digest(&hash, message)?;
        let scheme = match hash {
            ID_SHA_1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
            ID_SHA_256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            ID_SHA_384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            _ => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        };
        key.verify(scheme, &hashed, signature)
            .map_err(|_| bad("RSA signature check failed".into()))
    } else if spki.algorithm.oid == ID_EC_PUBLIC_KEY && *algorithm == ECDSA_WITH_SHA256 {
        use p256::ecdsa::signature::Verifier as _;
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(spki.subject_public_key.raw_bytes())
            .map_err(|_| bad("the key is not a P-256 public key".into()))?;
        let signature = p256::ecdsa::Signature::from_der(signature)
            .map_err(|_| bad("the ECDSA signature cannot be read".into()))?;
        key.verify(message, &signature)
            .map_err(|_| bad("ECDSA signature check failed".into()))
    } else {
        Err(TimestampError::Unsupported {
            what: "signature algorithm",
            oid: format!("{algorithm} with key {}", spki.algorithm.oid),
        })
    }
}

fn digest(oid: &ObjectIdentifier, bytes: &[u8]) -> Result<Vec<u8>> {
    Ok(match *oid {
        ID_SHA_1 => sha1::Sha1::digest(bytes).to_vec(),
        ID_SHA_256 => sha2::Sha256::digest(bytes).to_vec(),
        ID_SHA_384 => sha2::Sha384::digest(bytes).to_vec(),
        ID_SHA_512 => sha2::Sha512::digest(bytes).to_vec(),
        _ => {
            return Err(TimestampError::Unsupported {
                what: "digest algorithm",
                oid: oid.to_string(),
            });
        }
    })
}

fn digest_name(oid: &ObjectIdentifier) -> Result<&'static str> {
    Ok(match *oid {
        ID_SHA_1 => "sha1",
        ID_SHA_256 => "sha256",
        ID_SHA_384 => "sha384",
        ID_SHA_512 => "sha512",
        _ => {
            return Err(TimestampError::Unsupported {
                what: "digest algorithm",
                oid: oid.to_string(),
            });
        }
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn strip_zero_bytes(hex: &str) -> String {
    let lower = hex.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while rest.len() > 2 && rest.starts_with("00") {
        rest = &rest[2..];
    }
    rest.to_owned()
}

#[cfg(test)]
mod tests;
