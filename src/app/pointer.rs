//! Converts pointer positions on the page into the diagram's own coordinates.

use leptos::prelude::*;

use crate::geom::Layout;

/// A point in diagram coordinates, and whether it lies on the diagram at all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DiagramPoint {
    pub x: f64,
    pub y: f64,
    pub inside: bool,
}

/// Where the SVG sits on the page: left, top, width and height in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvgBox {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// Where the SVG `svg` sits on the page now (reading it forces the page's layout), if it is shown.
pub fn svg_box(svg: &NodeRef<leptos::svg::Svg>) -> Option<SvgBox> {
    let rect = svg.get_untracked()?.get_bounding_client_rect();
    (rect.width() > 0.0 && rect.height() > 0.0).then(|| SvgBox {
        left: rect.left(),
        top: rect.top(),
        width: rect.width(),
        height: rect.height(),
    })
}

/// Where `(client_x, client_y)` falls on an SVG at `b`, drawn with `layout` (the SVG may be scaled).
pub fn place(b: SvgBox, layout: &Layout, client_x: i32, client_y: i32) -> DiagramPoint {
    let sx = layout.width_px / b.width;
    let sy = layout.full_height_px() / b.height;
    let (cx, cy) = (client_x as f64, client_y as f64);
    let inside = cx >= b.left && cx <= b.left + b.width && cy >= b.top && cy <= b.top + b.height;
    DiagramPoint {
        x: (cx - b.left) * sx,
        y: (cy - b.top) * sy,
        inside,
    }
}

/// Where `(client_x, client_y)` falls on the SVG `svg`, drawn with `layout` (the SVG may be scaled).
pub fn to_diagram(
    svg: &NodeRef<leptos::svg::Svg>,
    layout: &Layout,
    client_x: i32,
    client_y: i32,
) -> Option<DiagramPoint> {
    Some(place(svg_box(svg)?, layout, client_x, client_y))
}
