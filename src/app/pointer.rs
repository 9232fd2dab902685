//! Converts pointer positions on the page into the diagram's own coordinates.

use leptos::prelude::*;

use crate::geom::{Layout, HEADER_PX};

/// A point in diagram coordinates, and whether it lies on the diagram at all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DiagramPoint {
    pub x: f64,
    pub y: f64,
    pub inside: bool,
}

/// Where `(client_x, client_y)` falls on the SVG `svg`, drawn with `layout` (the SVG may be scaled).
pub fn to_diagram(
    svg: &NodeRef<leptos::svg::Svg>,
    layout: &Layout,
    client_x: i32,
    client_y: i32,
) -> Option<DiagramPoint> {
    let el = svg.get_untracked()?;
    let rect = el.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    let sx = layout.width_px / rect.width();
    let sy = (layout.height_px + HEADER_PX) / rect.height();
    let (cx, cy) = (client_x as f64, client_y as f64);
    let inside = cx >= rect.left() && cx <= rect.right() && cy >= rect.top() && cy <= rect.bottom();
    Some(DiagramPoint {
        x: (cx - rect.left()) * sx,
        y: (cy - rect.top()) * sy,
        inside,
    })
}
