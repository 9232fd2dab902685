//! The playground's root component.

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="masthead">
            <h1>"Faultline"</h1>
            <p class="tagline">"Some parts fail while others work, and no node can tell which."</p>
        </header>
        <main id="playground" aria-label="Playground"></main>
    }
}
