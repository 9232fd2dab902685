//! Browser entry point: report panics on the console and mount the playground.

fn main() {
    // Where and why, on the console: a panic is a bug, and this is what a report should quote.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    leptos::mount::mount_to_body(faultline::App);
}
