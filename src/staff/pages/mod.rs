//! The staff page's HTML, server-rendered with maud (which escapes every value it is given):
//! the layout, the login form and what pages share here, one file per page. No script, no external resources.

use maud::{DOCTYPE, Markup, html};

mod cases;
mod knowledge;
mod parts;
mod question;
mod unanswered;

pub use cases::{CaseRow, cases};
pub use knowledge::{LastReload, knowledge};
pub use question::{SaveNotice, try_page};
pub use unanswered::unanswered;

/// The style sheet, served at [`CSS_PATH`]: one column, readable on a phone.
pub const CSS: &str = include_str!("staff.css");
pub const CSS_PATH: &str = "/staff.css";

/// Which page is open, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Knowledge,
    Try,
    Cases,
    Unanswered,
}

const TABS: [(Tab, &str, &str); 4] = [
    (Tab::Knowledge, "/", "Knowledge"),
    (Tab::Try, "/try", "Try a question"),
    (Tab::Cases, "/cases", "Cases"),
    (Tab::Unanswered, "/unanswered", "Unanswered"),
];

fn head(title: &str) -> Markup {
    html! {
        (DOCTYPE)
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        meta name="robots" content="noindex";
        title { (title) " - staff page" }
        link rel="stylesheet" href=(CSS_PATH);
    }
}

/// A page of the logged-in staff: navigation, the page, and a log-out button.
pub fn layout(tab: Tab, csrf: &str, body: Markup) -> Markup {
    let title = TABS
        .iter()
        .find(|(t, ..)| *t == tab)
        .map(|(_, _, name)| *name)
        .unwrap_or("");
    html! {
        html lang="en" {
            head { (head(title)) }
            body {
                header {
                    nav {
                        @for (t, href, name) in TABS {
                            a href=(href) class=[(t == tab).then_some("current")] { (name) }
                        }
                    }
                    form method="post" action="/logout" class="logout" {
                        input type="hidden" name="csrf" value=(csrf);
                        button type="submit" class="quiet" { "Log out" }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

pub fn login(error: Option<&str>) -> Markup {
    html! {
        html lang="en" {
            head { (head("Log in")) }
            body {
                main class="login" {
                    h1 { "Staff page" }
                    p { "Log in with the staff token the bot was started with." }
                    @if let Some(error) = error { p class="bad" role="alert" { (error) } }
                    form method="post" action="/login" {
                        label for="token" { "Staff token" }
                        input id="token" name="token" type="password" autocomplete="current-password" required autofocus;
                        button type="submit" { "Log in" }
                    }
                }
            }
        }
    }
}
