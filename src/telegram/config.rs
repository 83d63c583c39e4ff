//! The operator's settings, checked before use: the bot's token, Bot API URL and proxy (with
//! an error instead of teloxide's panic), the webhook's URL and secret. A [`ConfigError`] is
//! the operator's to fix: exit status 2. The command line reads them; this only checks them.

use std::net::SocketAddr;

use teloxide::prelude::*;
use teloxide::types::InlineKeyboardButton;
use teloxide::update_listeners::webhooks;

/// A configuration problem the operator must fix; the program should exit with status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "TELOXIDE_TOKEN is not set: put the token @BotFather gave you in the TELOXIDE_TOKEN environment variable"
    )]
    MissingToken,
    #[error(
        "TELOXIDE_TOKEN is malformed: a bot token looks like 123456789:AAE... (digits, a colon, then letters, digits, - and _)"
    )]
    MalformedToken,
    #[error("Telegram refused TELOXIDE_TOKEN (Unauthorized): check the token with @BotFather")]
    TokenRefused,
    #[error("TELOXIDE_API_URL is not a valid URL ({0})")]
    ApiUrl(String),
    #[error("TELOXIDE_PROXY is not a valid URL")]
    Proxy,
    #[error("the webhook URL is not a valid URL ({0})")]
    WebhookUrl(String),
    #[error("WEBHOOK_SECRET must be 1 to 256 characters, each a letter, a digit, - or _")]
    WebhookSecret,
}

impl ConfigError {
    pub const EXIT_CODE: u8 = 2;
}

/// `tracing` directives to add after `RUST_LOG`'s, so that even a verbose log never holds
/// patients' messages: teloxide logs the raw JSON of an update it cannot parse.
pub const PRIVATE_LOG_DIRECTIVES: [&str; 5] = [
    "teloxide::dispatching::dispatcher=off",
    "teloxide::update_listeners::webhooks=off",
    "reqwest=warn",
    "hyper=warn",
    "hyper_util=warn",
];

/// Checks the proxy URL teloxide's client will use (`TELOXIDE_PROXY`, which teloxide reads
/// itself): its client panics on a bad one, this says what is wrong instead.
pub fn check_proxy(proxy: Option<&str>) -> Result<(), ConfigError> {
    if let Some(proxy) = proxy {
        // Any function taking a URL checks it.
        proxy
            .parse()
            .map(|url| InlineKeyboardButton::url("", url))
            .map_err(|_| ConfigError::Proxy)?;
    }
    Ok(())
}

/// The bot for a token and an optional Bot API URL, both checked.
pub fn bot_with(token: Option<&str>, api_url: Option<&str>) -> Result<Bot, ConfigError> {
    let token = token
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ConfigError::MissingToken)?;
    if !token_is_well_formed(token) {
        return Err(ConfigError::MalformedToken);
    }
    let bot = Bot::with_client(token, teloxide::net::client_from_env());
    match api_url {
        Some(url) => {
            let url = url.trim().trim_end_matches('/');
            Ok(bot.set_api_url(
                url.parse()
                    .map_err(|e| ConfigError::ApiUrl(format!("{e}")))?,
            ))
        }
        None => Ok(bot),
    }
}

/// `123456789:AAE...`: a numeric bot id, a colon, and a secret of URL-safe characters.
fn token_is_well_formed(token: &str) -> bool {
    let Some((id, secret)) = token.split_once(':') else {
        return false;
    };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && secret.len() >= 20
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The webhook's settings; the secret, if given, must be the same on every replica.
pub(super) fn webhook_options(
    url: &str,
    listen: SocketAddr,
    secret: Option<&str>,
) -> Result<webhooks::Options, ConfigError> {
    let options = webhooks::Options::new(
        listen,
        url.parse()
            .map_err(|e| ConfigError::WebhookUrl(format!("{e}")))?,
    );
    match secret {
        None => Ok(options),
        Some(s)
            if (1..=256).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            Ok(options.secret_token(s.to_string()))
        }
        Some(_) => Err(ConfigError::WebhookSecret),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_before_use() {
        assert!(matches!(
            bot_with(None, None),
            Err(ConfigError::MissingToken)
        ));
        assert!(matches!(
            bot_with(Some("  "), None),
            Err(ConfigError::MissingToken)
        ));
        for bad in [
            "your-token-here",
            "123:short",
            "abc:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "123456:AAAA AAAAAAAAAAAAAAAAAAAAAAAAAA",
            "\"123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAA\"",
        ] {
            assert!(
                matches!(bot_with(Some(bad), None), Err(ConfigError::MalformedToken)),
                "{bad}"
            );
        }
        assert!(bot_with(Some("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n"), None).is_ok());
    }

    #[test]
    fn a_bad_api_url_is_a_config_error_not_a_panic() {
        let token = Some("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
        assert!(matches!(
            bot_with(token, Some("not a url")),
            Err(ConfigError::ApiUrl(_))
        ));
        let bot = bot_with(token, Some("http://127.0.0.1:8081/")).unwrap();
        assert_eq!(bot.api_url().as_str(), "http://127.0.0.1:8081/");
    }

    #[test]
    fn config_errors_do_not_repeat_the_token() {
        let e = bot_with(Some("123456789:AAHdq TcvCH1vGWJxfSeofSAs0K5PALDsaw"), None).unwrap_err();
        assert!(!e.to_string().contains("AAHdq"));
    }

    #[test]
    fn webhook_secrets_are_checked() {
        let addr: SocketAddr = "127.0.0.1:8443".parse().unwrap();
        assert!(webhook_options("https://bot.example/hook", addr, Some("good_secret-1")).is_ok());
        assert!(matches!(
            webhook_options("https://bot.example/hook", addr, Some("bad secret")),
            Err(ConfigError::WebhookSecret)
        ));
        assert!(matches!(
            webhook_options("nope", addr, None),
            Err(ConfigError::WebhookUrl(_))
        ));
    }
}
