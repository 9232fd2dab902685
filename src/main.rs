//! Browser entry point: report panics on the console and the page, and mount the playground.

fn main() {
    // Where and why, on the console and on the page: a panic is a bug, and this is what a report
    // should quote. The wasm stops after it (panic = "abort"), so the page must say so.
    std::panic::set_hook(Box::new(|info| {
        let details = info.to_string();
        web_sys::console::error_1(&details.as_str().into());
        faultline::crash_note::show(&details);
    }));
    leptos::mount::mount_to_body(faultline::App);
}
