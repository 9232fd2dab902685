//! Browser entry point: install the panic hook and mount the playground.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(faultline::App);
}
