//! The diagram as PNG: the standalone SVG drawn on a canvas at twice its size, then encoded.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::svg::view_box_size;

/// Pixels per SVG unit, for a crisp image on high-density screens.
const SCALE: f64 = 2.0;
/// Largest side of the image, in pixels (canvases have limits).
const MAX_SIDE_PX: f64 = 8_000.0;

/// Draws `svg` (a standalone SVG document) and calls `done` with the PNG, or with what went wrong.
pub fn svg_to_png(svg: String, done: impl FnOnce(Result<web_sys::Blob, String>) + 'static) {
    let (w, h) = view_box_size(&svg).unwrap_or((720.0, 600.0));
    let scale = SCALE.min(MAX_SIDE_PX / w.max(h));
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let url = match web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b))
    {
        Ok(u) => u,
        Err(_) => return done(Err("the browser could not read the diagram".into())),
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return done(Err("the browser could not make an image".into()));
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        let url = url.clone();
        move |r: Result<web_sys::Blob, String>| {
            let _ = web_sys::Url::revoke_object_url(&url);
            if let Some(f) = done.borrow_mut().take() {
                f(r);
            }
        }
    };
    let finish = std::rc::Rc::new(finish);
    let on_error = {
        let finish = finish.clone();
        Closure::once_into_js(move || finish(Err("the diagram could not be drawn".into())))
    };
    let on_load = {
        let img = img.clone();
        Closure::once_into_js(move || draw(&img, w * scale, h * scale, finish))
    };
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_onerror(Some(on_error.unchecked_ref()));
    img.set_src(&url);
}

fn draw(
    img: &web_sys::HtmlImageElement,
    w: f64,
    h: f64,
    finish: std::rc::Rc<impl Fn(Result<web_sys::Blob, String>) + 'static>,
) {
    let canvas: Option<web_sys::HtmlCanvasElement> = leptos::prelude::document()
        .create_element("canvas")
        .ok()
        .map(JsCast::unchecked_into);
    let Some(canvas) = canvas else {
        return finish(Err("no canvas".into()));
    };
    canvas.set_width(w.round() as u32);
    canvas.set_height(h.round() as u32);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    let Some(ctx) = ctx else {
        return finish(Err("no 2D canvas".into()));
    };
    if ctx
        .draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, w, h)
        .is_err()
    {
        return finish(Err("the diagram could not be drawn".into()));
    }
    let f = finish.clone();
    let on_blob =
        Closure::once_into_js(
            move |blob: JsValue| match blob.dyn_into::<web_sys::Blob>() {
                Ok(b) => f(Ok(b)),
                Err(_) => f(Err("the PNG could not be made".into())),
            },
        );
    if canvas
        .to_blob_with_type(on_blob.unchecked_ref(), "image/png")
        .is_err()
    {
        finish(Err("the PNG could not be made".into()));
    }
}
